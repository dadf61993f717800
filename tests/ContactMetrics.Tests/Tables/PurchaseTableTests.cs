using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Tests.Clv;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Tests.Tables;

/// <summary>
/// The purchases of a <see cref="ContactCenterData"/> held by column: every field of a record comes back, and the RFM
/// summary of the table is that of the records (the single-threaded reference builder is the oracle).
/// </summary>
public class PurchaseTableTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 3, 9, 0);

    [Fact]
    public void ToPurchases_AmountsOfEveryScaleAndSize_GivesBackTheRecordsFieldByField()
    {
        // 12.50 keeps its two places (its text is "12.50", not "12.5"); 0; a 25-digit amount that does not fit 64 bits;
        // the largest 64-bit whole number; a customer seen again.
        Purchase[] rows =
        [
            new(new CustomerId("C1"), T0, new Money(12.50m, Currency.Eur)),
            new(new CustomerId("C2"), T0 + Duration.FromDays(3), new Money(0m, Currency.Eur)),
            new(new CustomerId("C1"), T0 - Duration.FromDays(400), new Money(1234567890123456789012.345m, Currency.Eur)),
            new(new CustomerId("C3"), T0, new Money(long.MaxValue, Currency.Eur)),
            new(new CustomerId("C2"), T0 + Duration.FromSeconds(1), new Money(0.001m, Currency.Eur)),
        ];

        var table = PurchaseTable.Create(rows);

        table.Count.Should().Be(5);
        table.Customers.Should().Equal("C1", "C2", "C3");
        table.Currency.Should().Be(Currency.Eur);
        var back = table.ToPurchases().ToList();
        back.Select(p => (p.CustomerId, p.OccurredAt, p.Amount)).Should().Equal(rows.Select(p => (p.CustomerId, p.OccurredAt, p.Amount)));
        back.Select(p => p.Amount.Amount.ToString(CultureInfo.InvariantCulture))
            .Should().Equal("12.50", "0", "1234567890123456789012.345", "9223372036854775807", "0.001");
    }

    [Fact]
    public void ToPurchase_TimeFinerThanATick_IsCutToTheTickBefore()
    {
        var at = T0 + Duration.FromNanoseconds(150);  // 1.5 ticks after T0

        var back = PurchaseTable.Create([new Purchase(new CustomerId("C1"), at, new Money(1m, Currency.Eur))]).ToPurchase(0);

        back.OccurredAt.Should().Be(T0 + Duration.FromTicks(1));
    }

    [Fact]
    public void Builder_SecondCurrency_IsRefusedNamingBoth()
    {
        var builder = new PurchaseTable.Builder();
        builder.Add(new Purchase(new CustomerId("C1"), T0, new Money(1m, Currency.Eur)));

        var act = () => builder.Add(new Purchase(new CustomerId("C2"), T0, new Money(1m, Currency.Usd)));

        act.Should().Throw<CurrencyMismatchException>().WithMessage("*EUR*USD*");
    }

    [Fact]
    public void RfmSummaryBuilderBuild_FromTheTable_EqualsTheReferenceBuilderOnTheRecords()
    {
        foreach (bool merge in new[] { true, false })
        {
            foreach (bool holdout in new[] { false, true })
            {
                var log = RandomPurchases(3_000, seed: (merge ? 2 : 0) + (holdout ? 1 : 0));
                var options = new RfmSummaryOptions(new LocalDate(2025, 3, 1))
                {
                    MergeSameDayPurchases = merge, HoldoutEnd = holdout ? new LocalDate(2025, 4, 30) : null, TimeZone = Amsterdam,
                };

                var fromTable = RfmSummaryBuilder.Build(PurchaseTable.Create(log), options);

                ShouldBeSame(fromTable, Reference(log, options), $"merge {merge}, holdout {holdout}");
            }
        }
    }

    [Fact]
    public void RfmSummaryBuilderBuild_CdnowSampleAsATable_EqualsTheReference()
    {
        // The CDNOW sample's dates as noon UTC (CdnowData; the reference builder is checked against the published summary).
        var sample = CdnowData.Sample;
        var purchases = Enumerable.Range(0, sample.Customers.Length).Select(i => new Purchase(sample.Customers[i],
            sample.Dates[i].At(new LocalTime(12, 0)).InUtc().ToInstant(), new Money(sample.Amounts[i], Currency.Usd))).ToList();
        var options = new RfmSummaryOptions(CdnowData.CalibrationEnd) { HoldoutEnd = CdnowData.HoldoutEnd, TimeZone = DateTimeZone.Utc };

        ShouldBeSame(RfmSummaryBuilder.Build(PurchaseTable.Create(purchases), options), Reference(purchases, options), "CDNOW");
    }

    [Fact]
    public void ContactCenterDataWithin_PurchasesOutsideTheWindow_KeepsTheRecordsInsideInOrder()
    {
        // C9's first purchase is before the window, its second after C2's: inside the window C2 comes first.
        var customers = new[] { "C1", "C2", "C9" }.Select(id => new Customer(new CustomerId(id), new LocalDate(2024, 1, 1))).ToList();
        Purchase P(string customer, int days, decimal amount) => new(new CustomerId(customer), T0 + Duration.FromDays(days), new Money(amount, Currency.Eur));
        Purchase[] purchases = [P("C9", -10, 5m), P("C1", 0, 1.10m), P("C2", 1, 2m), P("C9", 2, 3m), P("C1", 40, 9m)];
        var contact = new Interaction(new InteractionId("i1"), new CustomerId("C1"), Channel.Phone, T0, T0 + Duration.FromMinutes(3));
        var data = ContactCenterData.Create(customers, [contact], purchases, [], []);
        var window = new ObservationWindow(T0 - Duration.FromDays(1), T0 + Duration.FromDays(30), DateTimeZone.Utc);

        var known = data.Within(window);

        known.Purchases.ToPurchases().Select(p => (p.CustomerId.Value, p.Amount.Amount))
            .Should().Equal(("C1", 1.10m), ("C2", 2m), ("C9", 3m));
        known.Purchases.Customers.Should().Equal("C1", "C2", "C9");
        ContactCenterAnalysis.Create(data, window).OutsideWindow.Purchases.Should().Be(2);
        var options = new RfmSummaryOptions(new LocalDate(2025, 4, 1));
        ShouldBeSame(RfmSummaryBuilder.Build(known.Purchases, options), Reference(purchases[1..4], options), "inside the window");
    }

    private static RfmSummary Reference(IReadOnlyList<Purchase> purchases, RfmSummaryOptions options) => RfmSummaryBuilder.BuildReference(
        [.. purchases.Select(p => p.CustomerId)], [.. purchases.Select(p => p.OccurredAt.InZone(options.TimeZone).Date.ToDateOnly().DayNumber)],
        [.. purchases.Select(p => p.Amount.Amount)], options, purchases.Count == 0 ? default : purchases[0].Amount.Currency);

    private static void ShouldBeSame(RfmSummary actual, RfmSummary expected, string because)
    {
        actual.Count.Should().BeGreaterThan(0, because);
        actual.Currency.Should().Be(expected.Currency, because);
        RfmSummaryBuilderPartitionTests.ShouldBeSame(actual, expected, because);
    }

    /// <summary>
    /// Purchases of about size / 3 customers over 120 days from 2025-01-01, many on the same local day and some within a
    /// second of an Amsterdam midnight (where the UTC date and the local date differ); amounts in cents.
    /// </summary>
    private static List<Purchase> RandomPurchases(int size, int seed)
    {
        var rng = new Random(seed);
        var origin = new LocalDate(2025, 1, 1).AtStartOfDayInZone(Amsterdam).ToInstant();
        var purchases = new List<Purchase>(size);
        for (int i = 0; i < size; i++)
        {
            var day = origin + Duration.FromDays(rng.Next(rng.Next(2) == 0 ? 10 : 120));
            var at = rng.Next(4) == 0 ? day - Duration.FromMilliseconds(rng.Next(1, 1000)) : day + Duration.FromSeconds(rng.Next(86_400));
            purchases.Add(new Purchase(new CustomerId("c" + rng.Next(size / 3 + 1).ToString(CultureInfo.InvariantCulture)), at,
                new Money(rng.Next(0, 5_000) / 100m, Currency.Eur)));
        }
        return purchases;
    }
}
