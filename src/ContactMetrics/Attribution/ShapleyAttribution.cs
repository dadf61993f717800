using System.Numerics;

namespace ContactMetrics.Attribution;

/// <summary>
/// Shapley-value attribution (Shapley 1953; for advertising, Dalessandro et al. 2012 and Zhao et al. 2018,
/// "Shapley value methods for attribution modeling in online advertising", arXiv:1804.05327).
/// </summary>
/// <remarks>
/// <para>Coalition value: v(S) = the conversions (and, separately, the value) of the journeys whose set of
/// channels is a subset of S. Order and repeats inside a path do not matter, nulls do not enter.</para>
/// <para>Shapley value of channel i: phi_i = sum over S not containing i of |S|! (n - |S| - 1)! / n! (v(S + i) - v(S)).
/// <see cref="ShapleyForm.Exact"/> computes v for all 2^n coalitions by a subset-sum (zeta) transform, O(n 2^n)
/// time and 2^n memory, so n is limited to <see cref="MaxExactChannels"/> (1,048,576 coalitions).</para>
/// <para>v is a sum of unanimity games, one per channel set T weighted by its conversions, so phi_i is also the
/// sum over paths whose set contains i of conversions / |set| (the per-conversion form): the two forms agree to
/// rounding, which the tests check. Credits sum to the total conversions and value (efficiency).</para>
/// </remarks>
public sealed class ShapleyAttribution : IAttributionModel
{
    /// <summary>The most channels of the exact form: 20 (2^20 = 1,048,576 coalitions).</summary>
    public const int MaxExactChannels = 20;

    /// <summary>Creates the model.</summary>
    /// <param name="form">Exact coalition enumeration (default) or the per-conversion form.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="form"/> is not defined.</exception>
    public ShapleyAttribution(ShapleyForm form = ShapleyForm.Exact)
    {
        if (!Enum.IsDefined(form))
        {
            throw new ArgumentOutOfRangeException(nameof(form), form, "Not a defined Shapley form.");
        }
        Form = form;
    }

    /// <summary>The form used.</summary>
    public ShapleyForm Form { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The exact form and more than <see cref="MaxExactChannels"/> channels.</exception>
    public AttributionResult Attribute(PathSummary paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        int n = paths.Channels.Length;
        double[] conversions, value;
        if (Form == ShapleyForm.PerConversion)
        {
            (conversions, value) = PerConversion(paths);
        }
        else
        {
            if (n > MaxExactChannels)
            {
                throw new ArgumentException(
                    $"Exact Shapley values enumerate 2^n coalitions; {n} channels exceed the limit of {MaxExactChannels} (2^{MaxExactChannels} = 1,048,576). Use ShapleyForm.PerConversion.",
                    nameof(paths));
            }
            var (countGame, valueGame) = SubsetGames(paths);
            conversions = FromCoalitionValues(countGame);
            value = FromCoalitionValues(valueGame);
        }
        return AttributionResult.FromCredits(
            Form == ShapleyForm.Exact ? "shapley (exact, subset coalition value)" : "shapley (per conversion)",
            paths.Channels, conversions, value, paths.Currency);
    }

    /// <summary>Exact Shapley values of any game given by its coalition values.</summary>
    /// <param name="coalitionValues">v(S) for every coalition S, indexed by the bit mask of S (bit i = player i); length 2^n, 1 &lt;= n &lt;= <see cref="MaxExactChannels"/>.</param>
    /// <returns>The Shapley value of each of the n players.</returns>
    /// <exception cref="ArgumentException">The length is not a power of two from 2 to 2^<see cref="MaxExactChannels"/>.</exception>
    public static double[] FromCoalitionValues(ReadOnlySpan<double> coalitionValues)
    {
        int length = coalitionValues.Length;
        Preconditions.CheckArgument(length >= 2 && length <= 1 << MaxExactChannels && BitOperations.IsPow2(length), nameof(coalitionValues),
            $"Expected 2^n coalition values with 1 <= n <= {MaxExactChannels}, found {length}.");
        int n = BitOperations.Log2((uint)length);
        // weight[s] = s! (n - s - 1)! / n! = 1 / (n * C(n - 1, s))
        var weight = new double[n];
        double binomial = 1;
        for (int s = 0; s < n; s++)
        {
            weight[s] = 1 / (n * binomial);
            binomial = binomial * (n - 1 - s) / (s + 1);
        }
        var phi = new double[n];
        for (int i = 0; i < n; i++)
        {
            int bit = 1 << i;
            double sum = 0;
            for (int mask = 0; mask < length; mask++)
            {
                if ((mask & bit) == 0)
                {
                    sum += weight[BitOperations.PopCount((uint)mask)] * (coalitionValues[mask | bit] - coalitionValues[mask]);
                }
            }
            phi[i] = sum;
        }
        return phi;
    }

    private static (double[] Counts, double[] Values) SubsetGames(PathSummary paths)
    {
        int n = paths.Channels.Length;
        var counts = new double[1 << n];
        var values = new double[1 << n];
        for (int p = 0; p < paths.Count; p++)
        {
            int mask = 0;
            foreach (int c in paths.Path(p))
            {
                mask |= 1 << c;
            }
            counts[mask] += paths.Conversions[p];
            values[mask] += paths.Values[p];
        }
        for (int i = 0; i < n; i++)
        {
            int bit = 1 << i;
            for (int mask = 0; mask < counts.Length; mask++)
            {
                if ((mask & bit) != 0)
                {
                    counts[mask] += counts[mask ^ bit];
                    values[mask] += values[mask ^ bit];
                }
            }
        }
        return (counts, values);
    }

    private static (double[] Counts, double[] Values) PerConversion(PathSummary paths)
    {
        int n = paths.Channels.Length;
        var counts = new double[n];
        var values = new double[n];
        var seen = new int[n];
        var distinct = new List<int>();
        for (int p = 0; p < paths.Count; p++)
        {
            distinct.Clear();
            foreach (int c in paths.Path(p))
            {
                if (seen[c] != p + 1)
                {
                    seen[c] = p + 1;
                    distinct.Add(c);
                }
            }
            foreach (int c in distinct)
            {
                counts[c] += paths.Conversions[p] / distinct.Count;
                values[c] += paths.Values[p] / distinct.Count;
            }
        }
        return (counts, values);
    }
}
