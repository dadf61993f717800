using ContactMetrics.Benchmarks.Kpis;
using ContactMetrics.Clv;
using ContactMetrics.Simulation;
using DuckDB.NET.Data;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The BG/NBD purchases of the CLV scale run (<c>write-purchases DIR CUSTOMERS --process bg-nbd</c>,
/// <see cref="BgNbdPurchaseGenerator"/>): reproducible, inside the period, each customer's draws its own whatever the
/// parts, and the planted parameters recovered by a BG/NBD fit.
/// </summary>
public sealed class BgNbdPurchaseGeneratorTests : IDisposable
{
    private const double SecondsPerWeek = 7 * 86_400;

    private readonly TempDir _dir = new();

    private string Write(string name, long customers, int seed, long rowsPerFile = 10_000_000)
    {
        string dir = Path.Combine(_dir.Path, name);
        BgNbdPurchaseGenerator.Run(dir, customers, seed, rowsPerFile);
        return Path.Combine(dir, "purchases");
    }

    /// <summary>Every row as "customer,time,amount,currency,part file", in that order.</summary>
    private static List<string> Rows(string folder, bool withFile = false)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
        string file = withFile ? " || ',' || parse_filename(filename)" : "";
        command.CommandText = $"""
            SELECT customer_id || ',' || strftime(occurred_at, '%Y-%m-%d %H:%M:%S') || ',' || CAST(amount AS VARCHAR) || ',' || currency{file}
            FROM read_parquet('{Path.Combine(folder, "*.parquet")}', filename = true) ORDER BY 1
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    private static List<BgNbdPurchaseGenerator.Row> Customers(IEnumerable<long> customers, int seed)
    {
        var rng = new SeededRandom(0);
        var rows = new List<BgNbdPurchaseGenerator.Row>();
        foreach (long customer in customers)
        {
            BgNbdPurchaseGenerator.Customer(SeededRandom.Root(seed), customer, BgNbdPlanted.NearCdnow, rng, rows);
        }
        return rows;
    }

    [Fact]
    public void Run_SameSeedTwice_SameRows_AnotherSeedOtherRows()
    {
        var first = Rows(Write("a", 2_000, seed: 7));
        var second = Rows(Write("b", 2_000, seed: 7));
        var other = Rows(Write("c", 2_000, seed: 8));

        // 2,000 customers buy about 7,300 times (3.67 purchases a customer, BG/NBD near CDNOW over 2-3 years).
        first.Count.Should().BeInRange(6_000, 9_000);
        second.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public void Run_EveryPurchaseInsideThePeriod_EveryFirstPurchaseIn2023()
    {
        string folder = Write("p", 5_000, seed: 11);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SET TimeZone = 'UTC';
            SELECT COUNT(*) FILTER (WHERE occurred_at < TIMESTAMPTZ '2023-01-01 00:00:00+00' OR occurred_at >= TIMESTAMPTZ '2026-01-01 00:00:00+00'),
              (SELECT COUNT(*) FROM (SELECT customer_id, MIN(occurred_at) AS first FROM read_parquet('{Path.Combine(folder, "*.parquet")}') GROUP BY customer_id)
               WHERE first >= TIMESTAMPTZ '2024-01-01 00:00:00+00'),
              COUNT(DISTINCT customer_id), COUNT(*) FILTER (WHERE amount < 2 OR amount > 202 OR currency <> 'EUR'),
              COUNT(*) FILTER (WHERE occurred_at >= TIMESTAMPTZ '2025-01-01 00:00:00+00')
            FROM read_parquet('{Path.Combine(folder, "*.parquet")}')
            """;
        using var reader = command.ExecuteReader();
        reader.Read().Should().BeTrue();

        reader.GetInt64(0).Should().Be(0, "no purchase before 2023 or after 2025");
        reader.GetInt64(1).Should().Be(0, "every customer is acquired in 2023, the cohort window");
        reader.GetInt64(2).Should().Be(5_000, "every customer buys at least once");
        reader.GetInt64(3).Should().Be(0, "amounts 2 + 200 w x EUR");
        reader.GetInt64(4).Should().BeGreaterThan(0, "repeat purchases reach the last year");
    }

    [Fact]
    public void Run_PartsOf1000Rows_SameRowsAsOnePart_EachCustomerInOnePart()
    {
        var whole = Rows(Write("whole", 3_000, seed: 5));
        var small = Rows(Write("small", 3_000, seed: 5, rowsPerFile: 1_000), withFile: true);

        small.Select(row => row[..row.LastIndexOf(',')]).Should().Equal(whole);
        var files = small.Select(row => row[(row.LastIndexOf(',') + 1)..]).Distinct().Count();
        files.Should().BeGreaterThan(5, "about 11,000 rows in parts of at least 1,000");
        small.Select(row => row[..row.IndexOf(',')] + row[row.LastIndexOf(',')..]).Distinct().Count()
            .Should().Be(3_000, "parts are cut between customers: each customer's purchases are in one part");
    }

    [Fact]
    public void Customer_DrawsDependOnlyOnTheSeedAndIndex_NotTheOrder()
    {
        var forward = Customers(Enumerable.Range(0, 200).Select(i => (long)i), seed: 3);
        var backward = Customers(Enumerable.Range(0, 200).Reverse().Select(i => (long)i), seed: 3);
        var alone = Customers([117], seed: 3);

        backward.OrderBy(r => r.Customer).ThenBy(r => r.Second).Should().Equal(forward);
        forward.Where(r => r.Customer == 117).Should().Equal(alone);
    }

    [Fact]
    public void Customers_20000_BgNbdFitRecoversThePlantedParametersWithinThreeStandardErrors()
    {
        const int n = 20_000;
        var rows = Customers(Enumerable.Range(0, n).Select(i => (long)i), seed: 2026);

        // The exact BG/NBD statistics in continuous time (Fader, Hardie and Lee 2005): x repeat purchases, t_x the
        // last one's time and T the end of the period, in weeks after the first purchase.
        var frequency = new int[n];
        var recency = new double[n];
        var age = new double[n];
        var first = new double[n];
        foreach (var group in rows.GroupBy(r => r.Customer))
        {
            int i = (int)group.Key;
            first[i] = group.Min(r => r.Second);
            frequency[i] = group.Count() - 1;
            recency[i] = (group.Max(r => r.Second) - first[i]) / SecondsPerWeek;
            age[i] = (LakeGenerator.PurchaseSeconds - first[i]) / SecondsPerWeek;
        }
        var weights = Enumerable.Repeat(1.0, n).ToArray();
        var fit = BetaGeometricNbdModel.Fit(CompressedRfmSummary.FromColumns(weights, frequency, recency, age, RfmPeriodUnit.Week));

        // Planted: r 0.25, alpha 4 (weeks), a 0.8, b 2.4 (BgNbdPlanted.NearCdnow). A maximum-likelihood estimate is
        // asymptotically normal around the true value with the fit's standard error, so each lies within 3 of them
        // with probability 0.997 (all four about 0.99); the seed is fixed, so the test is deterministic.
        fit.Diagnostics.Converged.Should().BeTrue();
        double[] planted = [0.25, 4, 0.8, 2.4];
        for (int k = 0; k < 4; k++)
        {
            var estimate = fit.Estimates[k];
            estimate.StandardError.Should().BeLessThan(0.2 * planted[k], $"{estimate.Name} is estimated from 20,000 customers");
            Math.Abs(estimate.Value - planted[k]).Should().BeLessThan(3 * estimate.StandardError, $"{estimate.Name} {estimate.Value} against the planted {planted[k]}");
        }
    }

    public void Dispose() => _dir.Dispose();
}
