using System.Globalization;
using ContactMetrics.Simulation;
using DuckDB.NET.Data;

namespace ContactMetrics.Benchmarks.Kpis;

/// <summary>
/// The planted parameters of the BG/NBD purchase process, in weeks (the period unit of <c>clv fit</c> by default):
/// purchase rate lambda ~ Gamma(shape <see cref="R"/>, rate <see cref="Alpha"/>) per week, dropout probability after
/// each repeat purchase p ~ Beta(<see cref="A"/>, <see cref="B"/>).
/// </summary>
internal sealed record BgNbdPlanted(double R, double Alpha, double A, double B)
{
    /// <summary>Near the CDNOW estimates of Fader, Hardie and Lee (2005), Table 1 / section 5: r 0.243, alpha 4.414 weeks, a 0.793, b 2.426.</summary>
    public static BgNbdPlanted NearCdnow { get; } = new(0.25, 4, 0.8, 2.4);
}

/// <summary>
/// Purchases from the BG/NBD process (<c>write-purchases DIR CUSTOMERS --process bg-nbd</c>) for the CLV scale run:
/// customer i draws lambda_i and p_i from a SplitMix64 stream of its own (seeded from the run's seed and i, so its
/// purchases do not depend on the part it lands in or on the other customers), is acquired at a uniform second of
/// 2023 (the cohort), then buys again after exponential gaps with rate lambda_i and drops out after each repeat purchase
/// with probability p_i, until the end of 2025 (the observation period, <see cref="LakeGenerator.PurchaseSeconds"/>).
/// Amounts as the uniform process's: 2 + 200 w x EUR, w and x uniform (mean 52). The rows go to Parquet parts of at
/// least 10 million rows, cut between customers, so each part holds whole customers (a sample of its own).
/// </summary>
internal static class BgNbdPurchaseGenerator
{
    /// <summary>The seconds of the cohort window, 2023 (365 days).</summary>
    internal const long CohortSeconds = 365L * 86_400;

    private const double SecondsPerWeek = 7 * 86_400;

    /// <summary>One purchase: the customer's number, the seconds since 2023-01-01 00:00 UTC, the amount in EUR.</summary>
    internal readonly record struct Row(long Customer, long Second, double Amount);

    /// <summary>Appends customer <paramref name="customer"/>'s purchases, in time order, to <paramref name="into"/>.</summary>
    internal static void Customer(ulong root, long customer, BgNbdPlanted planted, SeededRandom rng, List<Row> into)
    {
        rng.Reseed(SeededRandom.Derive(root, (ulong)customer));
        double meanGapSeconds = SecondsPerWeek / rng.NextGamma(planted.R, planted.Alpha);
        double dropout = rng.NextBeta(planted.A, planted.B);
        double t = rng.NextDouble() * CohortSeconds;
        into.Add(Purchase(customer, t, rng));
        while (true)
        {
            t += rng.NextExponential(meanGapSeconds);
            if (!(t < LakeGenerator.PurchaseSeconds)) // past the end, or NaN from a rate that underflowed to 0
            {
                return;
            }
            into.Add(Purchase(customer, t, rng));
            if (rng.NextBernoulli(dropout))
            {
                return;
            }
        }
    }

    private static Row Purchase(long customer, double t, SeededRandom rng)
        => new(customer, (long)t, Math.Round(2 + 200 * rng.NextDouble() * rng.NextDouble(), 2));

    /// <summary>Writes the purchases of customers 0 to <paramref name="customers"/> - 1 under <c>dir/purchases/</c>.</summary>
    /// <returns>The number of purchases written.</returns>
    public static long Run(string dir, long customers, int seed = 2026, long rowsPerFile = 10_000_000)
    {
        string folder = Path.Combine(dir, "purchases");
        Directory.CreateDirectory(folder);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        LakeGenerator.Execute(connection, "SET TimeZone = 'UTC'");
        LakeGenerator.Execute(connection, "CREATE TABLE staging (customer BIGINT, s BIGINT, amount DOUBLE)");
        ulong root = SeededRandom.Root(seed);
        var rng = new SeededRandom(0);
        var rows = new List<Row>();
        long total = 0;
        int part = 0;
        long customer = 0;
        while (customer < customers)
        {
            long inPart = 0;
            using (var appender = connection.CreateAppender("staging"))
            {
                for (; customer < customers && inPart < rowsPerFile; customer++)
                {
                    rows.Clear();
                    Customer(root, customer, BgNbdPlanted.NearCdnow, rng, rows);
                    foreach (var row in rows)
                    {
                        appender.CreateRow().AppendValue(row.Customer).AppendValue(row.Second).AppendValue(row.Amount).EndRow();
                    }
                    inPart += rows.Count;
                }
            }
            string file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"part-{part++:000}.parquet"));
            LakeGenerator.Execute(connection, $"""
                COPY (SELECT 'C' || customer AS customer_id, TIMESTAMPTZ '2023-01-01 00:00:00+00' + to_seconds(s) AS occurred_at,
                  amount, 'EUR' AS currency FROM staging) TO '{file.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)
                """);
            LakeGenerator.Execute(connection, "DELETE FROM staging");
            total += inPart;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}: {inPart:N0} purchases, customers up to {customer:N0}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{customers:N0} customers, {total:N0} purchases"));
        return total;
    }
}
