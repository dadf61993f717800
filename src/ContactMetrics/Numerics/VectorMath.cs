using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ContactMetrics.Numerics;

/// <summary>
/// Four doubles at a time: loading frequencies as doubles, and the logistic and e^x - 1 of <see cref="LogSpace"/> built on
/// <see cref="Vector256.Exp(Vector256{double})"/>, for the per-customer passes of the batch predictions.
/// </summary>
/// <remarks>
/// The runtime's vector exponential and logarithm are within about one unit in the last place of <see cref="Math.Exp"/> and
/// <see cref="Math.Log(double)"/>, not equal to them bit for bit, so a vector pass equals the scalar form within a few units in the
/// last place (tested against the scalar forms to 1e-12 relative, and these helpers against <see cref="LogSpace"/>).
/// </remarks>
internal static class VectorMath
{
    /// <summary>Below this magnitude e^x - 1 is summed as its Taylor series (to x^9 / 9!, a remainder below 1e-20 of x).</summary>
    private const double SeriesBound = 1.0 / 32;

    /// <summary>Whether the vector paths run: 256-bit vectors in hardware and AVX's conversion of four integers to doubles.</summary>
    internal static bool IsSupported => Vector256.IsHardwareAccelerated && Avx.IsSupported;

    /// <summary>The four frequencies from index <paramref name="start"/>, as doubles (needs <see cref="IsSupported"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> LoadFrequencies(ReadOnlySpan<int> frequency, int start)
        => Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(frequency), (nuint)start));

    /// <summary>The four values from index <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Load(ReadOnlySpan<double> values, int start)
        => Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)start);

    /// <summary>Stores four values at index <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store(Vector256<double> values, Span<double> destination, int start)
        => values.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)start);

    /// <summary>1 / (1 + e^-x), as <see cref="LogSpace.Logistic"/>: e = e^-|x|, then 1 / (1 + e) for x &gt;= 0 and e / (1 + e) below.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Logistic(Vector256<double> x)
    {
        var e = Vector256.Exp(-Vector256.Abs(x));
        var denominator = Vector256<double>.One + e;
        // One division: the numerator chosen first (1 or e), so each lane is the same quotient as the scalar form's.
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), Vector256<double>.One, e) / denominator;
    }

    /// <summary>
    /// e^x - 1 without cancellation: the Taylor series (Horner, to x^9 / 9!) where |x| &lt; 1/32, e^x - 1 elsewhere (which
    /// loses at most 5 bits there, a relative error below 1e-14).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> ExpMinusOne(Vector256<double> x)
    {
        var one = Vector256<double>.One;
        var series = one + x * Vector256.Create(1.0 / 9);
        for (int k = 8; k >= 2; k--)
        {
            series = one + x * Vector256.Create(1.0 / k) * series;
        }
        series *= x;
        var direct = Vector256.Exp(x) - one;
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(SeriesBound)), series, direct);
    }
}
