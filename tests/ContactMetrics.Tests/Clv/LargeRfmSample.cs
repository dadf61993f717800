using ContactMetrics.Clv;
using MathNet.Numerics.Distributions;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// 200,000 simulated Pareto/NBD customers (seeded): ages of 1 to 730 days in weeks, purchase rates gamma(0.55, 10.6) and
/// dropout rates gamma(0.61, 11.7) per week (about CDNOW's estimates), purchase times rounded down to whole days, compressed
/// to weighted unique (x, t_x, T) rows.
/// </summary>
internal static class LargeRfmSample
{
    public static readonly Lazy<CompressedRfmSummary> Rows = new(() =>
    {
        const int customers = 200_000;
        var rng = new Random(20261129);
        var x = new int[customers];
        var recency = new double[customers];
        var age = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            double ageWeeks = (1 + rng.Next(730)) / 7.0;
            double lambda = Gamma.Sample(rng, 0.55, 10.6);
            double lifetime = Exponential.Sample(rng, Gamma.Sample(rng, 0.61, 11.7));
            double end = Math.Min(ageWeeks, lifetime), time = 0, last = 0;
            int count = 0;
            while (true)
            {
                time += Exponential.Sample(rng, lambda);
                if (!(time <= end))
                {
                    break;
                }
                count++;
                last = time;
            }
            x[i] = count;
            recency[i] = count == 0 ? 0 : Math.Floor(last * 7) / 7.0;
            age[i] = ageWeeks;
        }
        return CompressedRfmSummary.FromColumns(Enumerable.Repeat(1.0, customers).ToArray(), x, recency, age, RfmPeriodUnit.Week);
    });

    /// <summary>The weight-weighted sum over <see cref="Rows"/> of a per-history log-likelihood, one row at a time.</summary>
    public static double WeightedRowSum(Func<int, double, double, double> rowLogLikelihood)
    {
        var data = Rows.Value;
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            sum += data.Weight[i] * rowLogLikelihood(data.Frequency[i], data.Recency[i], data.Age[i]);
        }
        return sum;
    }
}
