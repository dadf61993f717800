using ContactMetrics.Domain;
using ContactMetrics.Retention;
using ContactMetrics.Simulation;
using ContactMetrics.Simulation.Tests;
using NodaTime;
using Xunit.Abstractions;

namespace ContactMetrics.Tests.Retention;

[Collection(SimulationCollection.Name)]
public sealed class RetentionUpliftBuilderTests(SimulationFixture fixture, ITestOutputHelper output)
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 1, 1, 0, 0);

    private static Interaction Contact(string id, string customer, double day, bool? resolved = null, Channel channel = Channel.Phone,
        Direction direction = Direction.Inbound, string? reason = null, int? csat = null, int? ces = null)
    {
        var arrived = T0 + Duration.FromDays(day);
        return new Interaction(new InteractionId(id), new CustomerId(customer), channel, arrived, arrived + Duration.FromMinutes(10), direction,
            answeredAt: arrived, reason: reason, resolved: resolved, survey: csat is not null || ces is not null ? new SurveyResponse(csat: csat, ces: ces) : null);
    }

    private static Customer Customer(string id, LocalDate? churnedOn = null, string segment = "retail") =>
        new(new CustomerId(id), new LocalDate(2024, 1, 1), churnedOn, segment);

    [Fact]
    public void BuildTable_IndexDate_FirstQualifyingContactAndExclusions()
    {
        var customers = new[]
        {
            Customer("c1", new LocalDate(2025, 1, 21)), // index day 1 (resolved), churns 20 days later
            Customer("c2"), // first contact has no outcome; index day 3 (unresolved), censored
            Customer("c3", new LocalDate(2025, 1, 2)), // churned before its index contact on day 5: excluded
            Customer("c4"), // no contact: excluded
        };
        var interactions = new[]
        {
            Contact("i1", "c1", 1, resolved: true),
            Contact("i2", "c1", 2, resolved: false),
            Contact("i3", "c2", 2),
            Contact("i4", "c2", 3, resolved: false),
            Contact("i5", "c3", 5, resolved: true),
        };
        var end = T0 + Duration.FromDays(100);

        var built = RetentionUpliftBuilder.BuildTable(customers, interactions, UpliftGrouping.FirstContactResolution, end,
            RetentionUpliftOptions.Default with { AdjustForTenure = false });

        built.Table.Ids.Should().Equal("c1", "c2");
        built.Table.Groups.Should().Equal("resolved", "unresolved");
        built.Table.Events.Should().Equal(true, false);
        // c1: from the end of day 1 + 10 min to 2025-01-21 12:00 UTC; c2: from day 3 + 10 min to day 100.
        built.Table.Durations[0].ShouldBeRelativelyClose(19.5 - (10.0 / 1440), 1e-12);
        built.Table.Durations[1].ShouldBeRelativelyClose(97 - (10.0 / 1440), 1e-12);
        built.CustomersChurnedBeforeIndex.Should().Be(1);
        built.CustomersWithoutQualifyingContact.Should().Be(1);
        built.Table.Strata.Should().BeEmpty("there is only one segment");
    }

    [Fact]
    public void BuildTable_RepeatContact_SameReasonWithinWindowIsUnresolvedAndIndexIsWindowEnd()
    {
        var customers = new[] { Customer("c1"), Customer("c2") };
        var interactions = new[]
        {
            Contact("i1", "c1", 1, reason: "billing"),
            Contact("i2", "c1", 4, reason: "billing"),
            Contact("i3", "c2", 1, reason: "billing"),
            Contact("i4", "c2", 4, reason: "delivery"),
        };
        var options = RetentionUpliftOptions.Default with { Resolution = ResolutionSource.RepeatContact, AdjustForTenure = false };

        var built = RetentionUpliftBuilder.BuildTable(customers, interactions, UpliftGrouping.FirstContactResolution, T0 + Duration.FromDays(30), options);

        built.Table.Groups.Should().Equal("unresolved", "resolved");
        built.Table.Durations[0].ShouldBeRelativelyClose(30 - 8 - (10.0 / 1440), 1e-12);
    }

    [Fact]
    public void BuildTable_RepeatContact_OutboundCallsNeitherStartNorRepeatAnIssue()
    {
        // c1: an outbound campaign call on day 1, then an inbound billing call on day 2 (the index: resolved, nothing
        // inbound follows). c2: inbound billing on day 1 followed only by an outbound billing call on day 3: resolved.
        var customers = new[] { Customer("c1"), Customer("c2") };
        var interactions = new[]
        {
            Contact("o1", "c1", 1, reason: "billing", direction: Direction.Outbound),
            Contact("i1", "c1", 2, reason: "billing"),
            Contact("i2", "c2", 1, reason: "billing"),
            Contact("o2", "c2", 3, reason: "billing", direction: Direction.Outbound),
        };
        var options = RetentionUpliftOptions.Default with { Resolution = ResolutionSource.RepeatContact, AdjustForTenure = false };

        var built = RetentionUpliftBuilder.BuildTable(customers, interactions, UpliftGrouping.FirstContactResolution, T0 + Duration.FromDays(30), options);

        built.Table.Groups.Should().Equal("resolved", "resolved");
        // c1's index is the end of its inbound call's window: day 2 + 10 minutes + 7 days.
        built.Table.Durations[0].ShouldBeRelativelyClose(30 - 9 - (10.0 / 1440), 1e-12);
    }

    [Theory]
    [InlineData(UpliftGrouping.Csat, "top-box", "not-top-box")]
    [InlineData(UpliftGrouping.Channel, "self-service", "person")]
    [InlineData(UpliftGrouping.Proactive, "proactive", "control")]
    public void BuildTable_OtherGroupings_FirstQualifyingContactDecides(UpliftGrouping grouping, string first, string second)
    {
        var customers = new[] { Customer("c1"), Customer("c2") };
        var interactions = new[]
        {
            Contact("i1", "c1", 1, channel: Channel.Chatbot, direction: Direction.Outbound),
            Contact("i2", "c1", 2, channel: Channel.Chatbot, csat: 5),
            Contact("i3", "c2", 1, channel: Channel.Phone, csat: 3),
        };

        var built = RetentionUpliftBuilder.BuildTable(customers, interactions, grouping, T0 + Duration.FromDays(30));

        built.Table.Groups.Should().Equal(first, second);
        built.Table.CovariateNames.Should().Equal("tenureYears");
    }

    [Theory]
    [InlineData(5, "easy", "not-easy")] // default: CES 5-7 easy, so c2's 4 is not easy
    [InlineData(4, "easy", "easy")] // CES 4 counted as easy
    public void BuildTable_Effort_FirstCesAnswerDecides(int easyMinimum, string c1Group, string c2Group)
    {
        // c1: a contact without a survey, then CES 6 (the index: day 2); c2: CES 4 on day 1, then CES 7 (not the index).
        var customers = new[] { Customer("c1"), Customer("c2") };
        var interactions = new[]
        {
            Contact("i1", "c1", 1, csat: 2),
            Contact("i2", "c1", 2, ces: 6),
            Contact("i3", "c2", 1, ces: 4),
            Contact("i4", "c2", 3, ces: 7),
        };

        var built = RetentionUpliftBuilder.BuildTable(customers, interactions, UpliftGrouping.Effort, T0 + Duration.FromDays(30),
            new RetentionUpliftOptions { CesEasyMinimum = easyMinimum });

        built.Table.Groups.Should().Equal(c1Group, c2Group);
        // Follow-up from the index contact's end (10 minutes after its arrival) to day 30: c1 from day 2, c2 from day 1.
        built.Table.Durations[0].ShouldBeRelativelyClose(30 - 2 - (10.0 / 1440), 1e-12);
        built.Table.Durations[1].ShouldBeRelativelyClose(30 - 1 - (10.0 / 1440), 1e-12);
        (built.ReferenceGroup, built.ExposedGroup).Should().Be(("easy", "not-easy"));
        FluentActions.Invoking(() => new RetentionUpliftOptions { CesEasyMinimum = 8 }).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Estimate_NoCustomerQualifies_ThrowsNamingTheGroup()
    {
        var act = () => RetentionUpliftBuilder.Estimate([Customer("c1")], [Contact("i1", "c1", 1)], UpliftGrouping.FirstContactResolution,
            Duration.FromDays(365), T0 + Duration.FromDays(30));

        act.Should().Throw<ArgumentException>().WithMessage("*groups 'resolved' and 'unresolved' have no customers*");
    }

    [Fact]
    public void TryEstimate_NoCustomerQualifies_ReturnsTheReasonInsteadOfThrowing()
    {
        // c1's only contact has no resolved flag, so no customer qualifies for either group.
        bool estimated = RetentionUpliftBuilder.TryEstimate([Customer("c1")], [Contact("i1", "c1", 1)], UpliftGrouping.FirstContactResolution,
            Duration.FromDays(365), T0 + Duration.FromDays(30), out var result, out var notEnoughData);

        estimated.Should().BeFalse();
        result.Should().BeNull();
        notEnoughData!.Reason.Should().Contain("groups 'resolved' and 'unresolved' have no customers").And.Contain("1 customers without a qualifying contact");
        notEnoughData.ParameterName.Should().Be("customers");
        notEnoughData.Data.CustomersWithoutQualifyingContact.Should().Be(1);
    }

    [Fact]
    public void TryEstimate_OneGroupEmpty_NamesItAndEstimateThrowsTheSameReason()
    {
        // Both customers' first flagged contacts are resolved: 'unresolved' is empty.
        Customer[] customers = [Customer("c1"), Customer("c2")];
        Interaction[] contacts = [Contact("i1", "c1", 1, resolved: true), Contact("i2", "c2", 2, resolved: true)];
        var end = T0 + Duration.FromDays(30);

        RetentionUpliftBuilder.TryEstimate(customers, contacts, UpliftGrouping.FirstContactResolution, Duration.FromDays(365), end, out _, out var notEnoughData)
            .Should().BeFalse();
        notEnoughData!.Reason.Should().StartWith("Group 'unresolved' has no customers (2 in 'resolved'");
        notEnoughData.ParameterName.Should().Be("exposed");
        var act = () => RetentionUpliftBuilder.Estimate(customers, contacts, UpliftGrouping.FirstContactResolution, Duration.FromDays(365), end);
        act.Should().Throw<ArgumentException>().WithMessage(notEnoughData.Reason + "*").And.ParamName.Should().Be("exposed");
    }

    [Fact]
    public void Estimate_SimulatedCenter_ResolvedFirstTimeRetainsBetter()
    {
        var center = fixture.Large;

        var result = RetentionUpliftBuilder.Estimate(center.Customers, center.Interactions, UpliftGrouping.FirstContactResolution,
            Duration.FromDays(365), center.End);

        var c = result.Comparison;
        output.WriteLine($"resolved {c.Reference.Retention:F4} (n {c.Reference.Customers}), unresolved {c.Exposed.Retention:F4} (n {c.Exposed.Customers}), difference {c.Difference.Difference:F4} {c.Difference.Interval}, HR {c.HazardRatio?.HazardRatio:F3} {c.HazardRatio?.HazardRatioInterval}");
        c.Difference.Difference.Should().BeGreaterThan(0);
        c.Difference.Interval.Lower.Should().BeGreaterThan(0, "the planted hazard ratio {0} makes unresolved customers churn more", center.Options.Churn.UnresolvedHazardRatio);
        c.HazardRatio!.HazardRatio.Should().BeGreaterThan(1);
        c.Stratified.Should().BeTrue();
    }

    [Fact]
    public void Estimate_NoPlantedEffect_DifferenceIntervalContainsZero()
    {
        var center = fixture.NoEffects;

        var result = RetentionUpliftBuilder.Estimate(center.Customers, center.Interactions, UpliftGrouping.FirstContactResolution,
            Duration.FromDays(365), center.End);

        result.Comparison.Difference.Interval.Contains(0).Should().BeTrue($"{result.Comparison.Difference.Interval}");
    }
}
