using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Tests.Clv;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The RFM files (RfmSummary, RfmSummaryRow, CompressedRfmSummary, RfmSummaryBuilder, RfmSummaryOptions, RfmPeriodUnit) at
/// the edges a mutant can move (issue #14 item 9, docs/testing.md): every check with its message and parameter, the ends
/// of every range, and small purchase logs whose summaries are counted by hand.
/// </summary>
public class ClvRfmMutationTests
{
    private static readonly CustomerId A = new("a");
    private static readonly CustomerId B = new("b");
    private static readonly CustomerId C = new("c");
    private static readonly LocalDate Jan1 = new(2025, 1, 1);

    [Fact]
    public void PeriodUnit_DaysOfEachUnit_AndAnUndefinedUnitIsRefused()
    {
        // A day, a week of 7 days, a month of 365.25 / 12 = 30.4375 days (the Julian year's twelfth).
        RfmPeriodUnit.Day.Days().Should().Be(1.0);
        RfmPeriodUnit.Week.Days().Should().Be(7.0);
        RfmPeriodUnit.Month.Days().Should().Be(30.4375);
        FluentActions.Invoking(() => ((RfmPeriodUnit)3).Days()).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("unit").WithMessage("Value must be Day, Week or Month.*");
        FluentActions.Invoking(() => new RfmSummaryOptions(Jan1) { Period = (RfmPeriodUnit)(-1) }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => RfmSummary.FromColumns([A], [0], [0.0], [1.0], [0.0], (RfmPeriodUnit)7)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => RfmSummary.FromRows([], (RfmPeriodUnit)7)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => CompressedRfmSummary.FromColumns([], [], [], [], (RfmPeriodUnit)7)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Options_DefaultsHoldoutEndAndTimeZone()
    {
        var options = new RfmSummaryOptions(Jan1);
        options.CalibrationEnd.Should().Be(Jan1);
        options.Period.Should().Be(RfmPeriodUnit.Week);
        options.MergeSameDayPurchases.Should().BeTrue();
        options.HoldoutEnd.Should().BeNull();
        options.TimeZone.Should().Be(DateTimeZone.Utc);
        // The day after the calibration end is the first allowed holdout end; the end itself and earlier days are not.
        (options with { HoldoutEnd = Jan1.PlusDays(1) }).HoldoutEnd.Should().Be(Jan1.PlusDays(1));
        FluentActions.Invoking(() => options with { HoldoutEnd = Jan1 }).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("HoldoutEnd").WithMessage("The holdout end must be after the calibration end 2025-01-01; was 2025-01-01.*");
        FluentActions.Invoking(() => options with { HoldoutEnd = Jan1.PlusDays(-3) }).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*; was 2024-12-29.*");
        FluentActions.Invoking(() => options with { TimeZone = null! }).Should().Throw<ArgumentNullException>().WithParameterName("TimeZone");
    }

    [Fact]
    public void Row_ValidAtEveryRangeEnd_KeepsItsValuesAndSaysThemInWords()
    {
        // T = 0, t_x = 0, x = 0 and a zero spend are the lower ends; t_x = T the upper end of recency.
        var newest = new RfmSummaryRow(A, 0, 0.0, 0.0, 0.0);
        newest.Age.Should().Be(0.0);
        var row = new RfmSummaryRow(A, 2, 4.5, 4.5, 10.25);
        (row.CustomerId, row.Frequency, row.Recency, row.Age, row.MonetaryValue).Should().Be((A, 2, 4.5, 4.5, 10.25));
        row.ToString().Should().Be("rfm summary a: x = 2, t_x = 4.5, T = 4.5, monetary value 10.25");
    }

    [Theory]
    [InlineData(-1, 0.0, 4.0, 0.0, "frequency", "rfm summary 'a': frequency '-1' is negative: the number of repeat transactions must be at least 0.")]
    [InlineData(1, 1.0, -0.5, 0.0, "age", "rfm summary 'a': T '-0.5' must be a finite number of at least 0.")]
    [InlineData(1, 1.0, double.NaN, 0.0, "age", "rfm summary 'a': T 'NaN' must be a finite number of at least 0.")]
    [InlineData(1, 1.0, double.PositiveInfinity, 0.0, "age", "rfm summary 'a': T 'Infinity' must be a finite number of at least 0.")]
    [InlineData(1, 5.0, 4.0, 0.0, "recency", "rfm summary 'a': recency '5' must be in [0, T = 4].")]
    [InlineData(1, -0.5, 4.0, 0.0, "recency", "rfm summary 'a': recency '-0.5' must be in [0, T = 4].")]
    [InlineData(1, double.NaN, 4.0, 0.0, "recency", "rfm summary 'a': recency 'NaN' must be in [0, T = 4].")]
    [InlineData(0, 1.0, 4.0, 0.0, "recency", "rfm summary 'a': recency '1' must be 0 when the frequency is 0.")]
    [InlineData(1, 1.0, 4.0, -0.01, "monetaryValue", "rfm summary 'a': monetary_value '-0.01' must be a finite number of at least 0.")]
    [InlineData(1, 1.0, 4.0, double.NaN, "monetaryValue", "rfm summary 'a': monetary_value 'NaN' must be a finite number of at least 0.")]
    [InlineData(1, 1.0, 4.0, double.PositiveInfinity, "monetaryValue", "rfm summary 'a': monetary_value 'Infinity' must be a finite number of at least 0.")]
    public void Row_OutOfRange_ThrowsNamingTheCustomerFieldAndValue(int x, double recency, double age, double spend, string parameter, string message)
    {
        FluentActions.Invoking(() => new RfmSummaryRow(A, x, recency, age, spend)).Should().Throw<InvalidRecordException>()
            .WithParameterName(parameter).WithMessage(message + "*");
    }

    [Fact]
    public void Row_DefaultCustomerId_Throws()
    {
        FluentActions.Invoking(() => new RfmSummaryRow(default, 0, 0.0, 1.0, 0.0)).Should().Throw<ArgumentException>()
            .WithParameterName("customerId").WithMessage("An RFM summary row needs a customer id (the default CustomerId is empty).*");
    }

    [Theory]
    [InlineData(-1, 0.0, 4.0, 0.0, "frequency", "Customer 'a': the frequency must be at least 0.")]
    [InlineData(1, 1.0, -1.0, 0.0, "age", "Customer 'a': the age T must be a finite number of at least 0.")]
    [InlineData(1, 1.0, double.NaN, 0.0, "age", "Customer 'a': the age T must be a finite number of at least 0.")]
    [InlineData(1, 1.0, double.PositiveInfinity, 0.0, "age", "Customer 'a': the age T must be a finite number of at least 0.")]
    [InlineData(1, 4.5, 4.0, 0.0, "recency", "Customer 'a': the recency must be in [0, T = 4].")]
    [InlineData(1, -1.0, 4.0, 0.0, "recency", "Customer 'a': the recency must be in [0, T = 4].")]
    [InlineData(0, 2.0, 4.0, 0.0, "recency", "Customer 'a': the recency must be 0 when the frequency is 0.")]
    [InlineData(1, 1.0, 4.0, -1.0, "monetaryValue", "Customer 'a': the monetary value must be a finite number of at least 0.")]
    [InlineData(1, 1.0, 4.0, double.NaN, "monetaryValue", "Customer 'a': the monetary value must be a finite number of at least 0.")]
    [InlineData(1, 1.0, 4.0, double.PositiveInfinity, "monetaryValue", "Customer 'a': the monetary value must be a finite number of at least 0.")]
    public void FromColumns_RowOutOfRange_ThrowsNamingTheCustomer(int x, double recency, double age, double spend, string parameter, string message)
    {
        FluentActions.Invoking(() => RfmSummary.FromColumns([A], [x], [recency], [age], [spend], RfmPeriodUnit.Week)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName(parameter).WithMessage(message + "*");
    }

    [Fact]
    public void FromColumns_EveryRangeEnd_Accepted()
    {
        // x = 0 with t_x = T = 0 and no spend; t_x = T; spend 0.
        var s = RfmSummary.FromColumns([A, B], [0, 3], [0.0, 6.0], [0.0, 6.0], [0.0, 0.0], RfmPeriodUnit.Day, Currency.Eur);
        s.Count.Should().Be(2);
        s.Recency.Should().Equal(0.0, 6.0);
        s.Period.Should().Be(RfmPeriodUnit.Day);
        s.Currency.Should().Be(Currency.Eur);
    }

    [Theory]
    [InlineData("frequency")]
    [InlineData("recency")]
    [InlineData("age")]
    [InlineData("monetaryValue")]
    [InlineData("holdoutFrequency")]
    [InlineData("holdoutSpend")]
    public void FromColumns_ColumnOfAnotherLength_ThrowsNamingItAndBothLengths(string column)
    {
        CustomerId[] ids = [A, B];
        int[] x = column == "frequency" ? [1, 2, 3] : [1, 2];
        double[] tx = column == "recency" ? [1.0] : [1.0, 2.0];
        double[] t = column == "age" ? [4.0, 4.0, 4.0] : [4.0, 4.0];
        double[] m = column == "monetaryValue" ? [5.0] : [5.0, 6.0];
        int[] hx = column == "holdoutFrequency" ? [1, 1, 1] : [1, 1];
        double[] hs = column == "holdoutSpend" ? [1.0] : [1.0, 1.0];
        int length = column is "frequency" or "age" or "holdoutFrequency" ? 3 : 1;
        FluentActions.Invoking(() => RfmSummary.FromColumns(ids, x, tx, t, m, RfmPeriodUnit.Week, Currency.Eur, hx, hs, 5.0)).Should().Throw<ArgumentException>()
            .WithParameterName(column).WithMessage($"Every column must have one entry per customer (2); this one has {length}.*");
    }

    [Fact]
    public void FromColumns_Holdout_ChecksAndDefaults()
    {
        // No spend column: zeros. Holdout frequencies without spend: zero spend. Holdout spend without frequencies: refused.
        var s = RfmSummary.FromColumns([A, B], [1, 0], [1.0, 0.0], [2.0, 2.0], [], RfmPeriodUnit.Week, Currency.Eur, [0, 3]);
        s.MonetaryValue.Should().Equal(0.0, 0.0);
        s.HoldoutFrequency.Should().Equal(0, 3);
        s.HoldoutSpend.Should().Equal(0.0, 0.0);
        s.HasHoldout.Should().BeTrue();
        s.HoldoutLength.Should().Be(0);

        var lengthOnly = RfmSummary.FromColumns([A], [0], [0.0], [1.0], [], RfmPeriodUnit.Week, holdoutLength: 2.0);
        lengthOnly.HasHoldout.Should().BeTrue();
        lengthOnly.HoldoutFrequency.Should().BeEmpty();
        lengthOnly.HoldoutSpend.Should().BeEmpty();
        RfmSummary.FromColumns([A], [0], [0.0], [1.0], [], RfmPeriodUnit.Week).HasHoldout.Should().BeFalse();

        FluentActions.Invoking(() => RfmSummary.FromColumns([A], [0], [0.0], [1.0], [], RfmPeriodUnit.Week, holdoutSpend: [1.0])).Should().Throw<ArgumentException>()
            .WithParameterName("holdoutSpend").WithMessage("Holdout spend needs holdout frequencies.*");
        FluentActions.Invoking(() => RfmSummary.FromColumns([A], [0], [0.0], [1.0], [], RfmPeriodUnit.Week, holdoutLength: -1)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("holdoutLength");
        FluentActions.Invoking(() => RfmSummary.FromColumns([A], [0], [0.0], [1.0], [], RfmPeriodUnit.Week, holdoutFrequency: [-1])).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("holdoutFrequency").WithMessage("Customer 'a': the holdout frequency must be at least 0.*");
        foreach (double bad in new[] { -0.5, double.NaN, double.PositiveInfinity })
        {
            FluentActions.Invoking(() => RfmSummary.FromColumns([A], [0], [0.0], [1.0], [], RfmPeriodUnit.Week, holdoutFrequency: [1], holdoutSpend: [bad])).Should().Throw<ArgumentOutOfRangeException>()
                .WithParameterName("holdoutSpend").WithMessage("Customer 'a': the holdout spend must be a finite number of at least 0.*");
        }
        // The ends: zero holdout purchases, zero holdout spend, zero length.
        var zero = RfmSummary.FromColumns([A], [0], [0.0], [1.0], [], RfmPeriodUnit.Week, holdoutFrequency: [0], holdoutSpend: [0.0], holdoutLength: 0);
        zero.HoldoutSpend.Should().Equal(0.0);
    }

    [Fact]
    public void FromRows_RowsNullOrRepeated_ThrowSayingWhy_AndRowsGiveTheColumnsBack()
    {
        FluentActions.Invoking(() => RfmSummary.FromRows(null!, RfmPeriodUnit.Week)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => RfmSummary.FromRows([new RfmSummaryRow(A, 0, 0, 1, 0), null!], RfmPeriodUnit.Week)).Should().Throw<ArgumentException>()
            .WithParameterName("rows").WithMessage("The rows must not contain null.*");
        FluentActions.Invoking(() => RfmSummary.FromRows([new RfmSummaryRow(A, 0, 0, 1, 0), new RfmSummaryRow(B, 0, 0, 1, 0), new RfmSummaryRow(A, 1, 1, 2, 3)], RfmPeriodUnit.Week))
            .Should().Throw<ArgumentException>().WithParameterName("rows").WithMessage("Customer 'a' appears twice; an RFM summary has one row per customer.*");

        var s = RfmSummary.FromRows([new RfmSummaryRow(B, 2, 3.5, 6.0, 12.5), new RfmSummaryRow(A, 0, 0, 1, 0)], RfmPeriodUnit.Month, Currency.Usd);
        s.CustomerIds.Should().Equal(B, A);
        s.Frequency.Should().Equal(2, 0);
        s.Recency.Should().Equal(3.5, 0.0);
        s.Age.Should().Equal(6.0, 1.0);
        s.MonetaryValue.Should().Equal(12.5, 0.0);
        s.Period.Should().Be(RfmPeriodUnit.Month);
        s.Currency.Should().Be(Currency.Usd);
        s.HasHoldout.Should().BeFalse();
        s.Rows().Select(r => r.ToString()).Should().Equal("rfm summary b: x = 2, t_x = 3.5, T = 6, monetary value 12.5", "rfm summary a: x = 0, t_x = 0, T = 1, monetary value 0");
        s.Compress().Period.Should().Be(RfmPeriodUnit.Month);
    }

    [Fact]
    public void Subset_WithHoldout_KeepsThePickedCustomersHoldoutColumns()
    {
        var s = RfmSummary.FromColumns([A, B, C], [1, 2, 3], [1.0, 2.0, 3.0], [4.0, 4.0, 4.0], [1.0, 2.0, 3.0], RfmPeriodUnit.Day, Currency.Gbp, [5, 6, 7], [50.0, 60.0, 70.0], 9.0);
        var subset = s.Subset(id => id != B);
        subset.CustomerIds.Should().Equal(A, C);
        subset.HoldoutFrequency.Should().Equal(5, 7);
        subset.HoldoutSpend.Should().Equal(50.0, 70.0);
        subset.HoldoutLength.Should().Be(9.0);
        subset.Period.Should().Be(RfmPeriodUnit.Day);
        subset.Currency.Should().Be(Currency.Gbp);
        subset.MonetaryValue.Should().Equal(1.0, 3.0);
        // Without holdout columns the subset has none either.
        RfmSummary.FromColumns([A], [0], [0.0], [1.0], [], RfmPeriodUnit.Day).Subset(_ => true).HoldoutFrequency.Should().BeEmpty();
        // ceil(qualifying / max) in 64 bits: 2^31 - 1 customers, at most 2 kept, every 2^30-th.
        RfmSummary.SubsetStride(int.MaxValue, 2).Should().Be(1 << 30);
        RfmSummary.SubsetStride(0, 5).Should().Be(1);
        RfmSummary.SubsetStride(10, 3).Should().Be(4);
        FluentActions.Invoking(() => s.Subset(null!)).Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Compressed_WeightNotPositiveAndFinite_ThrowsNamingTheRow(double weight)
    {
        FluentActions.Invoking(() => CompressedRfmSummary.FromColumns([1.0, weight], [0, 1], [0.0, 1.0], [2.0, 2.0], RfmPeriodUnit.Week)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("weight").WithMessage("Row 1: a weight must be a finite number greater than 0.*");
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(2, 1, 2)]
    [InlineData(2, 2, 1)]
    public void Compressed_ColumnOfAnotherLength_ThrowsGivingEveryLength(int frequencies, int recencies, int ages)
    {
        FluentActions.Invoking(() => CompressedRfmSummary.FromColumns([1.0, 1.0], new int[frequencies], new double[recencies], new double[ages], RfmPeriodUnit.Week))
            .Should().Throw<ArgumentException>().WithParameterName("frequency")
            .WithMessage($"Every column must have one entry per row (2 weights); frequency has {frequencies}, recency {recencies}, age {ages}.*");
    }

    [Fact]
    public void Compressed_RowsTotalWeightAndABadRowNamedByNumber()
    {
        var c = CompressedRfmSummary.FromColumns([2.5, 1.0, 0.5], [0, 1, 4], [0.0, 3.0, 3.0], [3.0, 3.0, 3.5], RfmPeriodUnit.Day);
        c.Count.Should().Be(3);
        c.TotalWeight.Should().Be(4.0);
        c.Weight.Should().Equal(2.5, 1.0, 0.5);
        c.Frequency.Should().Equal(0, 1, 4);
        c.Recency.Should().Equal(0.0, 3.0, 3.0);
        c.Age.Should().Equal(3.0, 3.0, 3.5);
        c.Period.Should().Be(RfmPeriodUnit.Day);
        FluentActions.Invoking(() => CompressedRfmSummary.FromColumns([1.0, 1.0], [0, 1], [0.0, 5.0], [2.0, 4.0], RfmPeriodUnit.Week)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("recency").WithMessage("Customer 'row 1': the recency must be in [0, T = 4].*");
        CompressedRfmSummary.FromColumns([], [], [], [], RfmPeriodUnit.Week).TotalWeight.Should().Be(0);
    }

    [Fact]
    public void Build_ColumnsOfOtherLengthsOrBadPurchases_ThrowNamingThem()
    {
        var options = new RfmSummaryOptions(Jan1.PlusDays(10));
        FluentActions.Invoking(() => RfmSummaryBuilder.Build([A, B], [Jan1], [1m, 1m], options, Currency.Eur)).Should().Throw<ArgumentException>()
            .WithParameterName("dates").WithMessage("Every column must have one entry per purchase (2 customers); the dates have 1.*");
        FluentActions.Invoking(() => RfmSummaryBuilder.Build([A, B], [Jan1, Jan1], [1m, 1m, 1m], options, Currency.Eur)).Should().Throw<ArgumentException>()
            .WithParameterName("amounts").WithMessage("Every column must have one entry per purchase (2 customers); the amounts have 3.*");
        FluentActions.Invoking(() => RfmSummaryBuilder.Build([A, default], [Jan1, Jan1], [1m, 1m], options, Currency.Eur)).Should().Throw<ArgumentException>()
            .WithParameterName("customers").WithMessage("Purchase 1 has the default (empty) customer id.*");
        FluentActions.Invoking(() => RfmSummaryBuilder.Build([A, B], [Jan1, Jan1], [1m, -0.01m], options, Currency.Eur)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("amounts").WithMessage("Purchase 1 of customer 'b': an amount must be at least 0 (net refunds upstream).*");
        // An amount of 0 is allowed (a free item still counts as a purchase).
        RfmSummaryBuilder.Build([A, A], [Jan1, Jan1.PlusDays(2)], [0m, 0m], options, Currency.Eur).Frequency.Should().Equal(1);
        FluentActions.Invoking(() => RfmSummaryBuilder.Build([A], [Jan1], [1m], null!, Currency.Eur)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => RfmSummaryBuilder.Build([A], new[] { Instant.FromUtc(2025, 1, 1, 0, 0) }, [1m], null!, Currency.Eur)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => RfmSummaryBuilder.Build((IEnumerable<Purchase>)null!, options)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => RfmSummaryBuilder.Build(new Purchase[] { null! }, options)).Should().Throw<ArgumentNullException>().WithParameterName("purchases");
        FluentActions.Invoking(() => RfmSummaryBuilder.Build(Array.Empty<Purchase>(), null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => RfmSummaryBuilder.Build((PurchaseTable)null!, options)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => RfmSummaryBuilder.Build(PurchaseTable.Empty, null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Build_OptionsWithTheHoldoutEndMovedBeforeTheCalibrationEnd_Throws()
    {
        // The options refuse such a holdout end when it is set; moving the calibration end past it afterwards is caught by the build.
        var options = new RfmSummaryOptions(Jan1) { HoldoutEnd = Jan1.PlusDays(5) } with { CalibrationEnd = Jan1.PlusDays(9) };
        FluentActions.Invoking(() => RfmSummaryBuilder.Build([A], [Jan1], [1m], options, Currency.Eur)).Should().Throw<ArgumentException>()
            .WithParameterName("options").WithMessage("The holdout end must be after the calibration end.*");
    }

    [Fact]
    public void Build_NoPurchases_NoCustomers()
    {
        var s = RfmSummaryBuilder.Build(Array.Empty<Purchase>(), new RfmSummaryOptions(Jan1));
        s.Count.Should().Be(0);
        s.Currency.Should().Be(default(Currency));
        RfmSummaryBuilder.Build(PurchaseTable.Empty, new RfmSummaryOptions(Jan1) { HoldoutEnd = Jan1.PlusDays(7) }).Count.Should().Be(0);
    }

    [Fact]
    public void Build_PurchasesOnTheWindowEnds_CountedByHand()
    {
        // Days (calibration end Jan 11 = day 10, holdout end Jan 18 = day 17), by hand:
        // a: day 0 (4), day 10 (6, on the calibration end: a repeat), day 11 (2, holdout), day 17 (3, holdout end), day 18 (100, after):
        //    x = 1, t_x = 10, T = 10, zbar = 6, holdout 2 purchases, 5 spent.
        // b: first purchase on the calibration end: x = 0, t_x = 0, T = 0, zbar 0; holdout day 12 (7).
        // c: first purchase on day 11, after the calibration end: not a customer yet.
        var options = new RfmSummaryOptions(Jan1.PlusDays(10)) { HoldoutEnd = Jan1.PlusDays(17), Period = RfmPeriodUnit.Day };
        (CustomerId Id, int Day, decimal Amount)[] log =
        [
            (A, 0, 4m), (B, 10, 9m), (A, 10, 6m), (C, 11, 1m), (A, 11, 2m), (B, 12, 7m), (A, 17, 3m), (A, 18, 100m),
        ];
        var s = RfmSummaryBuilder.Build(log.Select(p => p.Id).ToArray(), log.Select(p => Jan1.PlusDays(p.Day)).ToArray(), log.Select(p => p.Amount).ToArray(), options, Currency.Eur);
        ShouldBeTheHandCount(s);

        // The same log as a purchase table (customers numbered by first appearance), at noon UTC.
        var table = PurchaseTable.Create(log.Select(p => new Purchase(p.Id, Jan1.PlusDays(p.Day).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(12)), new Money(p.Amount, Currency.Eur))));
        ShouldBeTheHandCount(RfmSummaryBuilder.Build(table, options));

        static void ShouldBeTheHandCount(RfmSummary s)
        {
            s.CustomerIds.Should().Equal(A, B);
            s.Frequency.Should().Equal(1, 0);
            s.Recency.Should().Equal(10.0, 0.0);
            s.Age.Should().Equal(10.0, 0.0);
            s.MonetaryValue.Should().Equal(6.0, 0.0);
            s.HoldoutFrequency.Should().Equal(2, 1);
            s.HoldoutSpend.Should().Equal(5.0, 7.0);
            s.HoldoutLength.Should().Be(7.0);
            s.Currency.Should().Be(Currency.Eur);
        }
    }

    [Fact]
    public void Build_PurchaseTableWithoutHoldoutMergingSameDayPurchases_CountedByHand()
    {
        // b: Jan 1 (2 + 3, one transaction), Jan 8 (5), Jan 8 (7) merged into one, Jan 15 (1): x = 2, t_x = 2 weeks,
        // T = 4 weeks (calibration end Jan 29), zbar = (12 + 1) / 2 = 6.5. a: one purchase on Jan 15: x = 0, T = 2 weeks.
        var at = (int day) => Jan1.PlusDays(day).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(9));
        var purchases = new[]
        {
            new Purchase(B, at(0), new Money(2m, Currency.Usd)), new Purchase(B, at(7), new Money(5m, Currency.Usd)),
            new Purchase(A, at(14), new Money(8m, Currency.Usd)), new Purchase(B, at(0), new Money(3m, Currency.Usd)),
            new Purchase(B, at(14), new Money(1m, Currency.Usd)), new Purchase(B, at(7), new Money(7m, Currency.Usd)),
        };
        var s = RfmSummaryBuilder.Build(PurchaseTable.Create(purchases), new RfmSummaryOptions(Jan1.PlusDays(28)));
        s.CustomerIds.Should().Equal(B, A);
        s.Frequency.Should().Equal(2, 0);
        s.Recency.Should().Equal(2.0, 0.0);
        s.Age.Should().Equal(4.0, 2.0);
        s.MonetaryValue.Should().Equal(6.5, 0.0);
        s.HasHoldout.Should().BeFalse();
        s.HoldoutFrequency.Should().BeEmpty();
        s.HoldoutSpend.Should().BeEmpty();
        s.Currency.Should().Be(Currency.Usd);
        RfmSummaryBuilder.Build(purchases, new RfmSummaryOptions(Jan1.PlusDays(28))).MonetaryValue.Should().Equal(6.5, 0.0);
    }

    [Fact]
    public void Build_ManyPurchasesOfOneCustomerMerged_SortedThenMergedByDay()
    {
        // 40 purchases (more than the 32 of the insertion sort) on days 19, 18, ..., 0, each day twice (amounts 1 and 2):
        // merged by day, 20 transactions, x = 19, t_x = 19 days, zbar = 3 (each day 1 + 2) over the 19 repeats.
        var ids = Enumerable.Repeat(A, 40).ToArray();
        var dates = Enumerable.Range(0, 40).Select(i => Jan1.PlusDays(19 - i / 2)).ToArray();
        var amounts = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 1m : 2m).ToArray();
        var s = RfmSummaryBuilder.Build(ids, dates, amounts, new RfmSummaryOptions(Jan1.PlusDays(30)) { Period = RfmPeriodUnit.Day }, Currency.Eur);
        s.Frequency.Should().Equal(19);
        s.Recency.Should().Equal(19.0);
        s.Age.Should().Equal(30.0);
        s.MonetaryValue.Should().Equal(3.0);
    }

    [Fact]
    public void Compress_MinusZeroAndZero_OneRow()
    {
        // -0.0 >= 0 is a valid recency and the same time as 0.0: the two histories are one weighted row.
        var s = RfmSummary.FromColumns([A, B, C], [0, 0, 1], [-0.0, 0.0, 2.0], [5.0, 5.0, 5.0], [], RfmPeriodUnit.Week);
        var c = s.Compress();
        c.Count.Should().Be(2);
        c.Weight.Should().Equal(2.0, 1.0);
        c.Frequency.Should().Equal(0, 1);
    }

    [Fact]
    public void Build_PurchaseTableOfMoreThan65536PurchasesAnd4096Customers_EqualsTheColumnarBuild()
    {
        // The table's build converts times in chunks of 65,536 purchases and summarizes customers in chunks of 4,096; the
        // columnar build does neither. 65,600 purchases of 4,400 customers over 100 days, in random order.
        const int n = 65_600;
        var random = new Random(1409);
        var ids = Enumerable.Range(0, 4_400).Select(i => new CustomerId("c" + i)).ToArray();
        var customers = new CustomerId[n];
        var dates = new LocalDate[n];
        var amounts = new decimal[n];
        var builder = new PurchaseTable.Builder();
        for (int i = 0; i < n; i++)
        {
            customers[i] = ids[random.Next(ids.Length)];
            dates[i] = Jan1.PlusDays(random.Next(100));
            amounts[i] = random.Next(1, 5000) / 100m;
            builder.Add(new Purchase(customers[i], dates[i].AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(10)), new Money(amounts[i], Currency.Eur)));
        }
        var options = new RfmSummaryOptions(Jan1.PlusDays(69)) { HoldoutEnd = Jan1.PlusDays(90) };
        var fromTable = RfmSummaryBuilder.Build(builder.Build(), options);
        var fromColumns = RfmSummaryBuilder.Build(customers, dates, amounts, options, Currency.Eur);
        fromTable.Count.Should().BeGreaterThan(4_096);
        RfmSummaryBuilderPartitionTests.ShouldBeSame(fromTable, fromColumns, "the table's build is the columnar build");
        fromTable.HoldoutLength.Should().Be(3.0);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    public void BuildPartitioned_MoreCustomersInAPartitionThanItsFirstTable_EqualsTheReference(int partitionBits, int workers)
    {
        // A partition numbers its customers in a table of at most 4,096 entries at first and grows it (and rehashes) when full:
        // 9,000 customers with one or two purchases each, in one or two partitions, pass 4,096 and 8,192 customers.
        const int customers = 9_000;
        var random = new Random(77);
        var ids = new List<CustomerId>();
        var days = new List<int>();
        var amounts = new List<decimal>();
        for (int c = 0; c < customers; c++)
        {
            var id = new CustomerId("k" + c);
            for (int k = 0, purchases = 1 + random.Next(2); k < purchases; k++)
            {
                ids.Add(id);
                days.Add(Jan1.PlusDays(random.Next(31)).ToDateOnly().DayNumber);
                amounts.Add(random.Next(1, 100));
            }
        }
        var options = new RfmSummaryOptions(Jan1.PlusDays(30));
        var reference = RfmSummaryBuilder.BuildReference([.. ids], [.. days], [.. amounts], options, Currency.Eur);
        reference.Count.Should().Be(customers);
        var partitioned = RfmSummaryBuilder.BuildPartitioned([.. ids], [.. days], [.. amounts], options, Currency.Eur, partitionBits, workers);
        RfmSummaryBuilderPartitionTests.ShouldBeSame(partitioned, reference, $"{1 << partitionBits} partitions");
    }
}
