using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using ContactMetrics.Tests.Retention;
using NodaTime;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// Kaplan-Meier, log-rank, the retention comparison, the index-date builder and the survival table where the Retention run
/// of 2026-12-06 19:20 (Stryker.NET, docs/testing.md "Retention") left mutants alive. R values: R 4.2.2, survival 3.5-3.
/// </summary>
public class RetentionEdgeMutationTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 1, 1, 0, 0);

    // time 1 2 2+ 3 4+ 4 5 6+ (+ = censored): S = 0.875, 0.75, 0.6, 0.45, 0.225 at 1-5.
    internal static readonly SurvivalTable Tiny = SurvivalTable.FromColumns([1, 2, 2, 3, 4, 4, 5, 6], [true, true, false, true, false, true, true, false]);

    [Fact]
    public void KaplanMeier_IntervalMethods_AndTheLogUpperBelowOne()
    {
        // summary(survfit(Surv(week, arrest) ~ fin, data = rossi), times = 52) (log band, R's default): fin = 0 at week 52,
        // S 0.694444444444444, lower 0.635652505728589, upper 0.758674090125691 (not capped at 1).
        var curve = KaplanMeier.Estimate(RossiData.Table().WithGroups(RossiData.Labels("fin")))[0];
        var last = curve.Rows[^1];
        // Times 1, 2, both events: the second row has S = 0, where the log and log-log bands are [0, 0].
        var zero = KaplanMeier.Estimate(SurvivalTable.FromColumns([1, 2], [true, true])).Single().Rows[1];

        last.Survival.ShouldBeRelativelyClose(0.694444444444444);
        last.Log.Lower.ShouldBeRelativelyClose(0.635652505728589);
        last.Log.Upper.ShouldBeRelativelyClose(0.758674090125691);
        (last.Plain.Method, last.Log.Method, last.LogLog.Method).Should().Be(("plain", "log", "log-log"));
        zero.Survival.Should().Be(0);
        zero.Log.Should().Be(new ConfidenceInterval(0, 0, 0.95, "log"));
        zero.LogLog.Should().Be(new ConfidenceInterval(0, 0, 0.95, "log-log"));
    }

    [Fact]
    public void KaplanMeier_LevelZeroWithoutEvents_StillRefused_AndNullTable()
    {
        // Without events no interval is built, so the level must be checked on its own.
        var allCensored = SurvivalTable.FromColumns([1, 2], [false, false]);

        var level = () => KaplanMeier.Estimate(allCensored, 0);
        var none = () => KaplanMeier.Estimate(null!);

        level.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A confidence level must be in (0, 1); was 0.*");
        none.Should().Throw<ArgumentNullException>().WithParameterName("table");
    }

    [Fact]
    public void SurvivalAt_BetweenTheFirstAndSecondEventTimes_IsTheFirstRow()
    {
        // S(1.5) = S(1) = 7/8 (hand: 1 - 1/8).
        KaplanMeier.Estimate(Tiny).Single().SurvivalAt(1.5).Should().Be(0.875);
    }

    [Fact]
    public void Median_FlatAtHalfThenZero_AndALowerBandThatNeverFallsToHalf()
    {
        // print(survfit(Surv(c(1, 2), c(1, 1)) ~ 1)): median 1.5 (S is 0.5 from 1 to 2, then 0), 0.95LCL 1, 0.95UCL NA.
        var flat = KaplanMeier.Estimate(SurvivalTable.FromColumns([1, 2], [true, true])).Single().Median();
        // print(survfit(Surv(time, status) ~ 1)) with one event at 1 and nine at 2 (n 10): median 2, 0.95LCL NA, 0.95UCL NA;
        // the lower band is 0.732 at 1 and NA where S = 0.
        var steep = KaplanMeier.Estimate(SurvivalTable.FromColumns([1, 2, 2, 2, 2, 2, 2, 2, 2, 2], [.. Enumerable.Repeat(true, 10)])).Single().Median();

        (flat.Estimate, flat.Lower, flat.Upper).Should().Be(((double?)1.5, (double?)1.0, (double?)null));
        (steep.Estimate, steep.Lower, steep.Upper).Should().Be(((double?)2.0, (double?)null, (double?)null));
    }

    [Fact]
    public void KaplanMeier_DelayedEntryRowsNotInStartOrder_CountsTheRiskSetsAsR()
    {
        // summary(survfit(Surv(start, stop, e) ~ 1)) on (3, 5] event, (0, 2] event, (1, 4] censored, (0, 6] event:
        // n.risk 3, 2, 1 at times 2, 5, 6 (the row entering at 3 is not at risk at 2); S 2/3, 1/3, 0.
        var table = SurvivalTable.FromIntervals([3, 0, 1, 0], [5, 2, 4, 6], [true, true, false, true]);

        var rows = KaplanMeier.Estimate(table).Single().Rows;

        rows.Select(r => r.AtRisk).Should().Equal(3, 2, 1);
        rows.Select(r => r.Time).Should().Equal(2, 5, 6);
        rows[0].Survival.ShouldBeRelativelyClose(2.0 / 3, 1e-12);
    }

    [Fact]
    public void LogRank_GroupMissingFromAStratum_AsSurvdiff()
    {
        // The hand table (a: 2, 4+, 6, 8+; b: 1, 3, 5+, 7) in stratum s1, and two more rows of a (2, 3+) in s2, which has no b.
        // survdiff(Surv(t, e) ~ g + strata(s)): observed a 2 + 1, b 3 + 0; expected a 2.73809523809524 + 1, b 2.26190476190476;
        // chisq 0.447601304145319; var[1, 1] 1.2171201814059.
        var table = SurvivalTable.FromColumns([2, 4, 6, 8, 1, 3, 5, 7, 2, 3], [true, false, true, false, true, true, false, true, true, false])
            .WithGroups(["a", "a", "a", "a", "b", "b", "b", "b", "a", "a"])
            .WithStrata(["s1", "s1", "s1", "s1", "s1", "s1", "s1", "s1", "s2", "s2"]);

        var result = LogRankTest.Compute(table);
        var none = () => LogRankTest.Compute(null!);

        result.Groups.Select(g => g.Observed).Should().Equal(3, 3);
        result.Groups[0].Expected.ShouldBeRelativelyClose(3.73809523809524);
        result.Groups[1].Expected.ShouldBeRelativelyClose(2.26190476190476);
        result.Groups[0].Variance.ShouldBeRelativelyClose(1.2171201814059);
        result.Test.Statistic.ShouldBeRelativelyClose(0.447601304145319);
        none.Should().Throw<ArgumentNullException>().WithParameterName("table");
    }

    [Fact]
    public void Compare_StratifiedAndAdjusted_AsCoxph()
    {
        // The hand table with x = 1 for group b. R coxph(Surv(t, e) ~ x + strata(s)) with s = s1, s2 alternating:
        // coef 1.29356246522576; coxph(Surv(t, e) ~ x + z), z = 0 1 1 0 1 0 0 1 (two values, varies in both groups):
        // coef(x) 0.563718573057671.
        var hand = RetentionUpliftTests.HandTable();
        var stratified = hand.WithStrata(["s1", "s2", "s1", "s2", "s1", "s2", "s1", "s2"]);
        var adjusted = hand.WithCovariate("z", [0, 1, 1, 0, 1, 0, 0, 1]);

        var byStratum = RetentionUplift.Compare(stratified, "a", "b", 5);
        var byZ = RetentionUplift.Compare(adjusted, "a", "b", 5);

        byStratum.HazardRatio!.Coefficient.ShouldBeRelativelyClose(1.29356246522576);
        byZ.HazardRatio!.Coefficient.ShouldBeRelativelyClose(0.563718573057671);
        byZ.Note.Should().BeNull("z varies in the compared groups");
        byZ.Difference.Interval.Method.Should().Be("greenwood-normal");
    }

    [Fact]
    public void Compare_TwoCovariates_TextsListBothSeparatedByCommas()
    {
        // u and w are constant in a and b (they vary only through group c): both left out; the comparison names both.
        var table = SurvivalTable.FromColumns([2, 4, 6, 8, 1, 3, 5, 7, 2, 3], [true, false, true, false, true, true, false, true, true, false])
            .WithGroups(["a", "a", "a", "a", "b", "b", "b", "b", "c", "c"])
            .WithCovariate("u", [1, 1, 1, 1, 1, 1, 1, 1, 0, 0])
            .WithCovariate("w", [2, 2, 2, 2, 2, 2, 2, 2, 0, 1]);

        var result = RetentionUplift.Compare(table, "a", "b", 5);

        result.Note.Should().Be("Constant in these groups, left out of the Cox model: u, w.");
        result.ToString().Split('\n')[3].Should().EndWith(" (adjusted for u, w)");
    }

    [Fact]
    public void Compare_HorizonAtTheLastTime_IsFollowedUp_AndMessages()
    {
        // a's last time is 8 (censored): a horizon of 8 is reached, 8.5 is not.
        var hand = RetentionUpliftTests.HandTable();

        var noGroups = () => RetentionUplift.Compare(SurvivalTable.FromColumns([1, 2], [true, false]), "a", "b", 1);
        var none = () => RetentionUplift.Compare(null!, "a", "b", 1);

        RetentionUplift.Compare(hand, "a", "b", 8).Reference.FollowedUpToHorizon.Should().BeTrue();
        RetentionUplift.Compare(hand, "a", "b", 8.5).Reference.FollowedUpToHorizon.Should().BeFalse();
        noGroups.Should().Throw<ArgumentException>().WithMessage("The table needs groups (SurvivalTable.WithGroups) to compare.*");
        none.Should().Throw<ArgumentNullException>().WithParameterName("table");
    }

    [Fact]
    public void UpliftOptions_NewInstance_StratifiesAndAdjustsByDefault_LabelsMessage()
    {
        var options = new RetentionUpliftOptions();
        var unknown = () => RetentionUpliftBuilder.Labels((UpliftGrouping)9);

        options.StratifyBySegment.Should().BeTrue();
        options.AdjustForTenure.Should().BeTrue();
        unknown.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Unknown grouping.*");
    }

    [Fact]
    public void Builder_NullArguments_AndTheHorizonCheckedBeforeTheContactsAreRead()
    {
        Customer[] customers = [new(new CustomerId("c1"), new LocalDate(2024, 1, 1))];
        var end = T0 + Duration.FromDays(30);
        var empty = InteractionTable.Create([]);

        var nullCustomers = () => RetentionUpliftBuilder.BuildTable(null!, empty, UpliftGrouping.Channel, end);
        var nullTable = () => RetentionUpliftBuilder.BuildTable(customers, (InteractionTable)null!, UpliftGrouping.Channel, end);
        var nullGroups = () => RetentionUpliftBuilder.FromRows(UpliftGrouping.Channel, [], [], [], null!, [], [], 0, 0);
        var nullSegments = () => RetentionUpliftBuilder.FromRows(UpliftGrouping.Channel, [], [], [], [], null!, [], 0, 0);
        var nullBuilt = () => RetentionUpliftBuilder.TryCompare(null!, Duration.FromDays(1), out _, out _);
        // A horizon of 0 is refused before anything else is looked at (here the missing contacts or customers).
        var estimate = () => RetentionUpliftBuilder.Estimate(customers, (IEnumerable<Interaction>)null!, UpliftGrouping.Channel, Duration.Zero, end);
        var tryRecords = () => RetentionUpliftBuilder.TryEstimate(customers, (IEnumerable<Interaction>)null!, UpliftGrouping.Channel, Duration.Zero, end, out _, out _);
        var tryTable = () => RetentionUpliftBuilder.TryEstimate(null!, empty, UpliftGrouping.Channel, Duration.Zero, end, out _, out _);

        nullCustomers.Should().Throw<ArgumentNullException>().WithParameterName("customers");
        nullTable.Should().Throw<ArgumentNullException>().WithParameterName("interactions");
        nullGroups.Should().Throw<ArgumentNullException>().WithParameterName("groups");
        nullSegments.Should().Throw<ArgumentNullException>().WithParameterName("segments");
        nullBuilt.Should().Throw<ArgumentNullException>().WithParameterName("built");
        estimate.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("horizon");
        tryRecords.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("horizon");
        tryTable.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("horizon");
    }

    [Fact]
    public void TryCompareAndTryEstimate_UseTheOptionsGiven()
    {
        // TryCompare with a 90 % level: the difference's interval is at 0.9. TryEstimate without tenure adjustment: the table
        // it built (here one customer, so no comparison) has no tenure column.
        var built = RetentionUpliftBuilder.FromRows(UpliftGrouping.Channel, ["a", "b"], [1, 2], [true, true], ["person", "self-service"], ["x", "x"], [1, 1], 0, 0);
        var ninety = RetentionUpliftOptions.Default with { Cox = new CoxOptions { ConfidenceLevel = 0.9 } };
        Customer[] customers = [new(new CustomerId("c1"), new LocalDate(2024, 1, 1))];
        Interaction[] contacts = [Contact("i1", "c1", 1)];

        RetentionUpliftBuilder.TryCompare(built, Duration.FromDays(1), out var compared, out _, ninety).Should().BeTrue();
        RetentionUpliftBuilder.TryEstimate(customers, contacts, UpliftGrouping.Channel, Duration.FromDays(1), T0 + Duration.FromDays(30), out _, out var reason,
            RetentionUpliftOptions.Default with { AdjustForTenure = false }).Should().BeFalse();

        compared!.Comparison.Difference.Interval.Level.Should().Be(0.9);
        reason!.Data.Table.CovariateNames.Should().BeEmpty();
        reason.Data.Table.Count.Should().Be(1);
    }

    [Fact]
    public void RepeatContact_QualifyingContactsAndRepeatsAtTheirEdges()
    {
        // Repeat detection, 7-day window from the contact's end (day + 10 min), observation end day 60, all inbound phone:
        // c1: day 1 unanswered billing (does not qualify), day 2 answered billing: index day 2, resolved (nothing follows).
        // c2: one answered contact on "billing" (the first reason seen, index 0): resolved.
        // c3: outbound calls only: no qualifying contact, left out.
        // c4: billing day 1, billing again at day 8 + 10 min, exactly the window's end: a repeat, unresolved.
        // c5: billing day 1, repeats on days 2 and 3: unresolved (two repeats are still a repeat).
        // c6: two billing contacts arriving at the same instant: neither repeats the other, resolved.
        Customer[] customers = [.. new[] { "c1", "c2", "c3", "c4", "c5", "c6" }.Select(id => new Customer(new CustomerId(id), new LocalDate(2024, 1, 1)))];
        Interaction[] contacts =
        [
            Contact("i1", "c1", 1, answered: false),
            Contact("i2", "c1", 2),
            Contact("i3", "c2", 1),
            Contact("i4", "c3", 1, direction: Direction.Outbound),
            Contact("i5", "c3", 2, direction: Direction.Outbound),
            Contact("i6", "c4", 1),
            Contact("i7", "c4", 8, minutes: 10),
            Contact("i8", "c5", 1),
            Contact("i9", "c5", 2),
            Contact("i10", "c5", 3),
            Contact("i11", "c6", 1),
            Contact("i12", "c6", 1),
        ];
        var options = RetentionUpliftOptions.Default with { Resolution = ResolutionSource.RepeatContact, AdjustForTenure = false };

        var built = RetentionUpliftBuilder.BuildTable(customers, contacts, UpliftGrouping.FirstContactResolution, T0 + Duration.FromDays(60), options);

        built.Table.Ids.Should().Equal("c1", "c2", "c4", "c5", "c6");
        built.Table.Groups.Should().Equal("resolved", "resolved", "unresolved", "unresolved", "resolved");
        // c1's index: day 2 + 10 min + 7 days.
        built.Table.Durations[0].ShouldBeRelativelyClose(60 - 9 - (10.0 / 1440), 1e-12);
        built.CustomersWithoutQualifyingContact.Should().Be(1);
    }

    [Fact]
    public void UpliftValue_NullsAndAnEmptyValueTable()
    {
        var difference = new RetentionDifference(0.05, 0.01, new ConfidenceInterval(0.03, 0.07, 0.95, "greenwood-normal"), 2000);
        var empty = CustomerValueTable.Create([], [], Currency.Eur, "clv");

        var noDifference = () => RetentionUpliftValue.Of((RetentionDifference)null!, 1000, new Money(1m, Currency.Eur), "given");
        var noComparison = () => RetentionUpliftValue.Of((RetentionComparison)null!, new Money(1m, Currency.Eur), "given");
        var noTable = () => RetentionUpliftValue.Of(difference, 1000, (CustomerValueTable)null!);
        var emptyTable = () => RetentionUpliftValue.Of(difference, 1000, empty);

        noDifference.Should().Throw<ArgumentNullException>().WithParameterName("difference");
        noComparison.Should().Throw<ArgumentNullException>().WithParameterName("comparison");
        noTable.Should().Throw<ArgumentNullException>().WithParameterName("values");
        emptyTable.Should().Throw<ArgumentException>().WithMessage("The value table has no customers to take a mean value of.*").Which.ParamName.Should().Be("values");
    }

    [Fact]
    public void SurvivalTable_LengthsNullsAndIntervalsSplitAtTheirOwnStart()
    {
        // (2, 5] switching on at 3 splits into (2, 3] off and (3, 5] on: the pieces keep the row's start, not 0.
        var split = SurvivalTable.FromIntervals([2], [5], [true]).WithTimeVaryingIndicator("on", [3]);
        var events = () => SurvivalTable.FromIntervals([0, 0], [1, 2], [true]);
        var customers = () => SurvivalTable.FromCustomers(null!, new LocalDate(2025, 1, 1));
        var customer = () => SurvivalTable.FromCustomers([null!], new LocalDate(2025, 1, 1));
        var groups = () => Tiny.WithGroups(null!);

        split.Starts.Should().Equal(2, 3);
        split.Durations.Should().Equal(3, 5);
        split.Covariates[0].Should().Equal(0, 1);
        events.Should().Throw<ArgumentException>().WithMessage("Every column needs one value per row: events has 1, the table 2.*").Which.ParamName.Should().Be("events");
        customers.Should().Throw<ArgumentNullException>().WithParameterName("customers");
        customer.Should().Throw<ArgumentNullException>().WithParameterName("customers");
        groups.Should().Throw<ArgumentNullException>().WithParameterName("groups");
    }

    /// <summary>A 10-minute phone contact of a customer, arriving <paramref name="day"/> days (and minutes) after 2025-01-01.</summary>
    internal static Interaction Contact(string id, string customer, int day, bool answered = true, Direction direction = Direction.Inbound, int minutes = 0, string? reason = "billing")
    {
        var arrived = T0 + Duration.FromDays(day) + Duration.FromMinutes(minutes);
        return new Interaction(new InteractionId(id), new CustomerId(customer), Channel.Phone, arrived, arrived + Duration.FromMinutes(10), direction,
            answeredAt: answered ? arrived : null, reason: reason);
    }
}
