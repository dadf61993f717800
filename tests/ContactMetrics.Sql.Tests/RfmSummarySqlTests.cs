using ContactMetrics.Clv;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// The RFM summary from DuckDB's SQL equals <see cref="RfmSummaryBuilder"/>'s on the demo purchases (the oracle), customer
/// by customer, in every period unit, with and without a holdout; and the BG/NBD fit on it is the fit on the builder's.
/// </summary>
public sealed class RfmSummarySqlTests(DemoTables demo) : IClassFixture<DemoTables>
{
    public static TheoryData<RfmPeriodUnit, bool> Cases() => new()
    {
        { RfmPeriodUnit.Week, true },
        { RfmPeriodUnit.Day, false },
        { RfmPeriodUnit.Month, true },
    };

    private static RfmSummaryOptions Options(RfmPeriodUnit period, bool holdout) =>
        new(new LocalDate(2025, 3, 31))
        {
            Period = period,
            TimeZone = KpiCases.Amsterdam,
            HoldoutEnd = holdout ? new LocalDate(2025, 12, 31) : null,
        };

    private RfmSummary Sql(RfmSummaryOptions options)
    {
        using var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachPurchases(demo.PurchasesCsv);
        return engine.RfmSummary(options);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RfmSummary_DuckDb_EqualsTheBuilderPerCustomer(RfmPeriodUnit period, bool holdout)
    {
        var options = Options(period, holdout);
        ShouldEqual(Sql(options), RfmSummaryBuilder.Build(demo.Purchases, options));
    }

    /// <summary>
    /// Fixed-offset zones take DuckDB's make_timestamp path of <see cref="SqlDialect.LocalTimestamp"/> (UTC is
    /// <see cref="RfmSummaryOptions.TimeZone"/>'s default, so <c>clv fit --engine duckdb</c> takes it unless told a zone);
    /// Etc/GMT-5 is UTC+5 (POSIX sign), so a wrong sign or unit of the offset would move purchases across midnight.
    /// </summary>
    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/GMT-5")]
    public void RfmSummary_DuckDb_FixedOffsetZone_EqualsTheBuilderPerCustomer(string zone)
    {
        var options = Options(RfmPeriodUnit.Day, holdout: true) with { TimeZone = DateTimeZoneProviders.Tzdb[zone] };
        ShouldEqual(Sql(options), RfmSummaryBuilder.Build(demo.Purchases, options));
    }

    [Fact]
    public void RfmSummary_DuckDb_BgNbdFitEqualsTheBuildersFit()
    {
        var options = Options(RfmPeriodUnit.Week, holdout: false);
        var sql = BetaGeometricNbdModel.Fit(Sql(options).Compress()).Parameters;
        var memory = BetaGeometricNbdModel.Fit(RfmSummaryBuilder.Build(demo.Purchases, options).Compress()).Parameters;
        // The same summary, customers in another order: the compressed data and so the maximum are the same.
        sql.R.Should().BeApproximately(memory.R, 1e-9 * memory.R);
        sql.Alpha.Should().BeApproximately(memory.Alpha, 1e-9 * memory.Alpha);
        sql.A.Should().BeApproximately(memory.A, 1e-9 * memory.A);
        sql.B.Should().BeApproximately(memory.B, 1e-9 * memory.B);
    }

    [Fact]
    public void RfmSummary_UnmergedSameDayPurchases_ArgumentException()
    {
        var act = () => RfmSummarySql.Build(SqlDialect.DuckDb, Options(RfmPeriodUnit.Week, false) with { MergeSameDayPurchases = false });
        act.Should().Throw<ArgumentException>().WithParameterName("options");
    }

    [Fact]
    public void RfmSummary_HandComputedCustomer()
    {
        // Customer c1 (Amsterdam dates): 2025-01-05 10 + 5 (one merged transaction of 15), 2025-01-19 23:30Z = 2025-01-20 local
        // (20), 2025-02-02 (30); calibration end 2025-02-28, weeks: x = 2, t_x = (2025-02-02 - 2025-01-05) = 28 days = 4 weeks,
        // T = 54 days = 54/7 weeks, mean repeat spend (20 + 30) / 2 = 25. Customer c2 first buys after the end: left out.
        using var dir = new TempDir();
        string csv = dir.Write("p.csv", "customer_id,occurred_at,amount,currency\n"
            + "c1,2025-01-05T09:00:00Z,10,EUR\nc1,2025-01-05T15:00:00Z,5,EUR\nc1,2025-01-19T23:30:00Z,20,EUR\n"
            + "c1,2025-02-02T12:00:00Z,30,EUR\nc2,2025-03-02T12:00:00Z,99,EUR\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachPurchases(csv);
        var summary = engine.RfmSummary(new RfmSummaryOptions(new LocalDate(2025, 2, 28)) { TimeZone = KpiCases.Amsterdam });
        summary.Count.Should().Be(1);
        summary.Frequency[0].Should().Be(2);
        summary.Recency[0].Should().Be(4.0);
        summary.Age[0].Should().BeApproximately(54.0 / 7, 1e-12);
        summary.MonetaryValue[0].Should().Be(25.0);
        summary.Currency.Code.Should().Be("EUR");
    }

    internal static void ShouldEqual(RfmSummary actual, RfmSummary expected)
    {
        expected.Count.Should().BeGreaterThan(50, "the demo has customers before the calibration end");
        actual.Count.Should().Be(expected.Count);
        actual.Currency.Should().Be(expected.Currency);
        actual.HasHoldout.Should().Be(expected.HasHoldout);
        actual.HoldoutLength.Should().Be(expected.HoldoutLength);
        var want = Enumerable.Range(0, expected.Count).ToDictionary(i => expected.CustomerIds[i]);
        for (int i = 0; i < actual.Count; i++)
        {
            int j = want[actual.CustomerIds[i]];
            var id = actual.CustomerIds[i];
            actual.Frequency[i].Should().Be(expected.Frequency[j], $"x of {id}");
            actual.Recency[i].Should().Be(expected.Recency[j], $"t_x of {id}");
            actual.Age[i].Should().Be(expected.Age[j], $"T of {id}");
            actual.MonetaryValue[i].Should().Be(expected.MonetaryValue[j], $"mean repeat spend of {id}");
            if (expected.HasHoldout)
            {
                actual.HoldoutFrequency[i].Should().Be(expected.HoldoutFrequency[j], $"holdout x of {id}");
                actual.HoldoutSpend[i].Should().Be(expected.HoldoutSpend[j], $"holdout spend of {id}");
            }
        }
    }
}
