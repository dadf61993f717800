using ContactMetrics.Clv;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.Clv;

public class RfmSummaryBuilderTests
{
    private static readonly CustomerId A = new("a");
    private static readonly CustomerId B = new("b");
    private static readonly LocalDate Jan1 = new(2025, 1, 1);

    [Fact]
    public void Build_CdnowSample_ReproducesPublishedSummaryRowByRow()
    {
        // Expected: cdnow_customers_summary_with_transactions.csv (Fader, Hardie & Lee's CDNOW sample summary,
        // 39 weeks ending 1997-09-30; t_x, T and zbar rounded to 2 decimals in the file).
        var summary = CdnowData.Summary;
        var published = CdnowData.PublishedSummary;
        published.Should().HaveCount(2357);
        summary.Count.Should().Be(2357);
        var byId = Enumerable.Range(0, summary.Count).ToDictionary(i => summary.CustomerIds[i].Value);
        var mismatches = new List<string>();
        foreach (var row in published)
        {
            int i = byId[row.Id];
            if (summary.Frequency[i] != row.X
                || Math.Abs(summary.Recency[i] - row.Tx) > 0.005 + 1e-9
                || Math.Abs(summary.Age[i] - row.T) > 0.005 + 1e-9
                || Math.Abs(summary.MonetaryValue[i] - row.Zbar) > 0.005 + 1e-9)
            {
                mismatches.Add($"{row.Id}: expected {row}, got x={summary.Frequency[i]} t_x={summary.Recency[i]} T={summary.Age[i]} zbar={summary.MonetaryValue[i]}");
            }
        }
        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Build_CdnowSampleCustomer1_MatchesHandCount()
    {
        // CDNOW_sample.txt, sample id 1: 1997-01-01 $29.33, 01-18 $29.73, 08-02 $14.96, 12-12 $26.48.
        // x = 2, t_x = 213 days / 7, T = 272 days / 7, zbar = (29.73 + 14.96) / 2; holdout: one purchase of $26.48.
        var s = CdnowData.Summary;
        s.Frequency[0].Should().Be(2);
        s.Recency[0].Should().BeApproximately(213 / 7.0, 1e-12);
        s.Age[0].Should().BeApproximately(272 / 7.0, 1e-12);
        s.MonetaryValue[0].Should().BeApproximately(22.345, 1e-12);
        s.HoldoutFrequency[0].Should().Be(1);
        s.HoldoutSpend[0].Should().BeApproximately(26.48, 1e-12);
        s.HoldoutLength.Should().BeApproximately(273 / 7.0, 1e-12);
        s.Currency.Should().Be(Currency.Usd);
    }

    [Fact]
    public void Build_SameDayPurchasesMerged_CountOnceWithSummedAmount()
    {
        var s = Build(new RfmSummaryOptions(Jan1.PlusDays(14)),
            (A, Jan1, 10m), (A, Jan1, 5m), (A, Jan1.PlusDays(7), 3m), (A, Jan1.PlusDays(7), 4m));
        s.Frequency[0].Should().Be(1);
        s.Recency[0].Should().Be(1.0);
        s.Age[0].Should().Be(2.0);
        s.MonetaryValue[0].Should().Be(7.0);
    }

    [Fact]
    public void Build_SameDayPurchasesNotMerged_CountEachAsTransaction()
    {
        var s = Build(new RfmSummaryOptions(Jan1.PlusDays(14)) { MergeSameDayPurchases = false },
            (A, Jan1, 10m), (A, Jan1, 5m), (A, Jan1.PlusDays(7), 3m), (A, Jan1.PlusDays(7), 4m));
        // The first row of the first day is the first purchase; the other three are repeats.
        s.Frequency[0].Should().Be(3);
        s.Recency[0].Should().Be(1.0);
        s.MonetaryValue[0].Should().Be(4.0);
    }

    [Fact]
    public void Build_ManyPurchasesInShuffledOrder_SortsByDayAndKeepsInputOrderOnEqualDays()
    {
        // 100 purchases of one customer (more than the insertion-sort cutoff), days 0..49 twice, shuffled; without
        // merging, the first purchase is the earliest day's first row in input order (amount 1000), the rest are repeats.
        var rng = new Random(3);
        var rows = new List<(CustomerId, LocalDate, decimal)>();
        foreach (int day in Enumerable.Range(0, 100).Select(i => i % 50).OrderBy(_ => rng.Next()))
        {
            rows.Add((A, Jan1.PlusDays(day), day == 0 && !rows.Any(r => r.Item2 == Jan1) ? 1000m : 1m));
        }
        var s = Build(new RfmSummaryOptions(Jan1.PlusDays(60)) { MergeSameDayPurchases = false, Period = RfmPeriodUnit.Day }, [.. rows]);
        s.Frequency[0].Should().Be(99);
        s.Recency[0].Should().Be(49);
        s.Age[0].Should().Be(60);
        s.MonetaryValue[0].Should().Be(1.0);
    }

    [Theory]
    [InlineData(RfmPeriodUnit.Day, 61.0)]
    [InlineData(RfmPeriodUnit.Week, 61.0 / 7)]
    [InlineData(RfmPeriodUnit.Month, 61.0 / 30.4375)]
    public void Build_PeriodUnit_ScalesTimes(RfmPeriodUnit unit, double expectedAge)
    {
        var s = Build(new RfmSummaryOptions(Jan1.PlusDays(61)) { Period = unit }, (A, Jan1, 1m), (A, Jan1.PlusDays(30), 1m));
        s.Age[0].Should().BeApproximately(expectedAge, 1e-12);
        s.Recency[0].Should().BeApproximately(expectedAge * 30 / 61, 1e-12);
        s.Period.Should().Be(unit);
    }

    [Fact]
    public void Build_HoldoutAndLaterPurchases_SplitByPeriod()
    {
        var options = new RfmSummaryOptions(Jan1.PlusDays(6)) { HoldoutEnd = Jan1.PlusDays(13), Period = RfmPeriodUnit.Day };
        var s = Build(options,
            (A, Jan1, 1m), (A, Jan1.PlusDays(6), 2m), (A, Jan1.PlusDays(7), 3m), (A, Jan1.PlusDays(13), 4m), (A, Jan1.PlusDays(14), 100m),
            (B, Jan1.PlusDays(8), 9m));
        // B's first purchase is after the calibration end: B is not a customer yet and is left out.
        s.Count.Should().Be(1);
        s.Frequency[0].Should().Be(1);
        s.HoldoutFrequency[0].Should().Be(2);
        s.HoldoutSpend[0].Should().Be(7.0);
        s.HoldoutLength.Should().Be(7.0);
    }

    [Fact]
    public void Build_Instants_UseTimeZoneForDates()
    {
        // 23:30 UTC on Jan 1 is already Jan 2 in Berlin (UTC+1), so the two purchases fall on different days there.
        var first = Instant.FromUtc(2025, 1, 1, 10, 0);
        var second = Instant.FromUtc(2025, 1, 1, 23, 30);
        var customers = new[] { A, A };
        var instants = new[] { first, second };
        var amounts = new[] { 1m, 1m };
        var utc = RfmSummaryBuilder.Build(customers, instants, amounts, new RfmSummaryOptions(Jan1.PlusDays(7)), Currency.Eur);
        var berlin = RfmSummaryBuilder.Build(customers, instants, amounts,
            new RfmSummaryOptions(Jan1.PlusDays(7)) { TimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] }, Currency.Eur);
        utc.Frequency[0].Should().Be(0);
        berlin.Frequency[0].Should().Be(1);
    }

    [Fact]
    public void Build_Purchases_MatchesColumnarOverload()
    {
        var purchases = CdnowData.Sample.Customers.Take(500)
            .Select((c, i) => new Purchase(c, CdnowData.Sample.Dates[i].AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(12)), new Money(CdnowData.Sample.Amounts[i], Currency.Usd)))
            .ToList();
        var options = new RfmSummaryOptions(CdnowData.CalibrationEnd);
        var fromPurchases = RfmSummaryBuilder.Build(purchases, options);
        var fromColumns = RfmSummaryBuilder.Build(CdnowData.Sample.Customers.AsSpan(0, 500), CdnowData.Sample.Dates.AsSpan(0, 500), CdnowData.Sample.Amounts.AsSpan(0, 500), options, Currency.Usd);
        fromPurchases.Frequency.Should().Equal(fromColumns.Frequency);
        fromPurchases.Recency.Should().Equal(fromColumns.Recency);
        fromPurchases.MonetaryValue.Should().Equal(fromColumns.MonetaryValue);
        fromPurchases.Currency.Should().Be(Currency.Usd);
    }

    [Fact]
    public void Build_PurchasesInTwoCurrencies_Throws()
    {
        var purchases = new[]
        {
            new Purchase(A, Instant.FromUtc(2025, 1, 1, 0, 0), new Money(1m, Currency.Eur)),
            new Purchase(B, Instant.FromUtc(2025, 1, 1, 0, 0), new Money(1m, Currency.Usd)),
        };
        var act = () => RfmSummaryBuilder.Build(purchases, new RfmSummaryOptions(Jan1));
        act.Should().Throw<CurrencyMismatchException>();
    }

    [Fact]
    public void Build_NegativeAmount_ThrowsNamingCustomer()
    {
        var act = () => Build(new RfmSummaryOptions(Jan1), (A, Jan1, -1m));
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("amounts").WithMessage("*'a'*");
    }

    [Fact]
    public void Options_HoldoutEndNotAfterCalibrationEnd_Throws()
    {
        var act = () => new RfmSummaryOptions(Jan1) { HoldoutEnd = Jan1 };
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("HoldoutEnd");
    }

    [Fact]
    public void Compress_CdnowSummary_WeightsSumToCustomersAndRowsAreUnique()
    {
        var compressed = CdnowData.Summary.Compress();
        compressed.TotalWeight.Should().Be(2357);
        compressed.Count.Should().BeLessThan(2357);
        Enumerable.Range(0, compressed.Count).Select(i => (compressed.Frequency[i], compressed.Recency[i], compressed.Age[i]))
            .Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void FromColumns_RecencyAboveAge_ThrowsNamingCustomer()
    {
        var act = () => RfmSummary.FromColumns([A], [1], [5.0], [4.0], [10.0], RfmPeriodUnit.Week);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("recency").WithMessage("*'a'*");
    }

    private static RfmSummary Build(RfmSummaryOptions options, params (CustomerId Id, LocalDate Date, decimal Amount)[] rows)
        => RfmSummaryBuilder.Build(rows.Select(r => r.Id).ToArray(), rows.Select(r => r.Date).ToArray(), rows.Select(r => r.Amount).ToArray(), options, Currency.Eur);
}
