using MathNet.Numerics.Distributions;

namespace ContactMetrics.Simulation;

/// <summary>
/// A SplitMix64 generator behind the <see cref="Random"/> interface, so that MathNet.Numerics
/// samplers can draw from it, plus the few samplers the simulator needs itself.
/// </summary>
/// <remarks>
/// SplitMix64: Steele, Lea and Flood (2014), "Fast splittable pseudorandom number generators",
/// OOPSLA. The state advances by the golden-ratio increment and each output is the state passed
/// through the 64-bit finalizer. The same finalizer hashes (parent, child) pairs into the seeds of
/// independent streams (<see cref="Derive"/>), so a customer's or a contact's draws depend only on
/// the run's seed and its own index, never on the order in which the simulator visits them. The
/// instance is reseeded rather than reallocated in hot loops. Every override of <see cref="Random"/>
/// routes through <see cref="NextUInt64"/>; the base class's own generator is never used.
/// </remarks>
internal sealed class SeededRandom : Random
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private const double TwoPi = 2 * Math.PI;

    private ulong _state;

    /// <summary>Creates a generator whose first output depends only on <paramref name="seed"/>.</summary>
    internal SeededRandom(ulong seed)
        : base(0) // a fixed seed keeps the base constructor away from Random.Shared
        => _state = seed;

    /// <summary>Restarts the generator as if it had been created with <paramref name="seed"/>.</summary>
    internal void Reseed(ulong seed) => _state = seed;

    /// <summary>The SplitMix64 finalizer (a bijection of 64-bit integers with good avalanche).</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The seed of stream <paramref name="child"/> below <paramref name="parent"/>.</summary>
    internal static ulong Derive(ulong parent, ulong child) => Mix(Mix(parent) ^ ((child + 1) * GoldenGamma));

    /// <summary>The root of all streams of a run.</summary>
    internal static ulong Root(int seed) => Mix(unchecked((ulong)(long)seed) + GoldenGamma);

    internal ulong NextUInt64()
    {
        _state = unchecked(_state + GoldenGamma);
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc />
    protected override double Sample() => NextDouble();

    /// <inheritdoc />
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <inheritdoc />
    public override int Next() => (int)NextInt64(int.MaxValue);

    /// <inheritdoc />
    public override int Next(int maxValue) => (int)NextInt64(maxValue);

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue) => (int)NextInt64(minValue, maxValue);

    /// <inheritdoc />
    public override long NextInt64() => NextInt64(long.MaxValue);

    /// <inheritdoc />
    public override long NextInt64(long maxValue) => NextInt64(0, maxValue);

    /// <inheritdoc />
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        ulong range = unchecked((ulong)(maxValue - minValue));
        return range == 0 ? minValue : unchecked(minValue + (long)NextUInt64Below(range));
    }

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= 8)
        {
            BitConverter.TryWriteBytes(buffer, NextUInt64());
            buffer = buffer[8..];
        }
        if (!buffer.IsEmpty)
        {
            ulong last = NextUInt64();
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)(last >> (8 * i));
            }
        }
    }

    /// <summary>An exponential draw with the given mean, by inversion.</summary>
    internal double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>A standard normal draw (Box-Muller, one of the pair; always two uniforms).</summary>
    internal double NextStandardNormal()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: the logarithm stays finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(TwoPi * u2);
    }

    /// <summary>A lognormal draw with the given median and log-scale standard deviation.</summary>
    internal double NextLogNormal(double median, double sigma) => median * Math.Exp(sigma * NextStandardNormal());

    /// <summary>A gamma draw with shape and rate (mean shape / rate), by MathNet's Marsaglia-Tsang sampler.</summary>
    internal double NextGamma(double shape, double rate) => Gamma.Sample(this, shape, rate);

    /// <summary>A beta draw, by MathNet (a ratio of gamma draws).</summary>
    internal double NextBeta(double a, double b) => Beta.Sample(this, a, b);

    /// <summary>Whether a Bernoulli trial with success probability <paramref name="p"/> succeeds.</summary>
    internal bool NextBernoulli(double p) => NextDouble() < p;

    /// <summary>An index drawn with probabilities proportional to the increments of <paramref name="cumulative"/>.</summary>
    /// <param name="cumulative">Running sums of non-negative weights; the last is the total, greater than 0.</param>
    internal int NextIndex(ReadOnlySpan<double> cumulative) => IndexOf(cumulative, NextDouble());

    /// <summary>The index whose increment of <paramref name="cumulative"/> contains <paramref name="uniform"/> times the total.</summary>
    internal static int IndexOf(ReadOnlySpan<double> cumulative, double uniform)
    {
        double u = uniform * cumulative[^1];
        for (int i = 0; i < cumulative.Length - 1; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }
        // u rounded up to the total: the last index with a positive weight.
        int last = cumulative.Length - 1;
        while (last > 0 && cumulative[last] == cumulative[last - 1])
        {
            last--;
        }
        return last;
    }

    /// <summary>Running sums of <paramref name="weights"/>, for <see cref="NextIndex"/>.</summary>
    internal static double[] Cumulative(IEnumerable<double> weights)
    {
        var result = new List<double>();
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
            result.Add(total);
        }
        return [.. result];
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), unbiased (Lemire's multiply-and-reject).</summary>
    private ulong NextUInt64Below(ulong bound)
    {
        ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
        if (low < bound)
        {
            ulong threshold = unchecked(0 - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }
        return high;
    }
}
