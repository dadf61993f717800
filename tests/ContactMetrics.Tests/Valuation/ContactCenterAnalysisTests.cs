using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Kpis;
using ContactMetrics.Numerics;
using ContactMetrics.Simulation;
using ContactMetrics.Staffing;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Tests.Valuation;

public partial class ContactCenterAnalysisTests
{
    [Fact]
    public void Figures_ReadTwice_AreTheSameObjects()
    {
        Analysis.Interactions.Should().BeSameAs(Analysis.Interactions);
        Analysis.Clv.Should().BeSameAs(Analysis.Clv);
        Analysis.Clv.Value.Should().BeSameAs(Analysis.Clv.Value);
        Analysis.Retention.Value.Should().BeSameAs(Analysis.Retention.Value);
        Analysis.FcrBusinessCase.Value.Should().BeSameAs(Analysis.FcrBusinessCase.Value);
    }

    [Fact]
    public void ValuePerCustomer_OneValue_InClvRetentionAndBusinessCase()
    {
        var clv = Analysis.Clv.Value;
        var retention = Analysis.Retention.Value;

        retention.Value!.ValuePerCustomer.Should().Be(clv.ValuePerCustomer);
        Inputs.ValuePerCustomer!.Point.Should().Be((double)clv.ValuePerCustomer.Amount);
        // The mean of the valued sample, rounded to cents once (hand definition: the arithmetic mean of the sample's CLVs).
        double mean = clv.Values.Average(v => (double)v.Amount);
        ((double)clv.ValuePerCustomer.Amount).Should().BeApproximately(mean, 0.005);
        clv.Summary.Period.Should().Be(ContactMetrics.Clv.RfmPeriodUnit.Week);
    }

    [Fact]
    public void Clv_CalibratedToTheWindowsLastDay()
    {
        // The simulation runs 730 days from its start; the last day with data is the day before the end (exclusive).
        var window = Analysis.Window;
        window.LastDay.Should().Be(Center.Options.EndDate.PlusDays(-1));
        // T of a customer whose first purchase is on the first day: (last day - first day + 1) days / 7, as the RFM
        // builder counts days up to and including the calibration end (docs/models/clv.md); at most 730 / 7 weeks.
        Analysis.Clv.Value.Summary.Age.Max().Should().BeLessThanOrEqualTo(730.0 / 7 + 1e-9);
    }

    [Fact]
    public void RepeatsPerUnresolved_UsesTheFcrRepeatDefinition()
    {
        // Hand count over the table's own repeat flags (the KPI definition), handled flagged contacts of the last year.
        var t = Analysis.Interactions;
        var lastYear = Center.Interactions.Where(i => i.ArrivedAt >= Center.End - Duration.FromDays(365) && i.ArrivedAt < Center.End).ToList();
        var fcr = Analysis.LastYearByChannel.Where(g => g.Channel!.Value.IsAgentHandled()).ToList();

        Inputs.RepeatsPerUnresolvedContact.Should().BeSameAs(Analysis.RepeatsPerUnresolvedContact.Value);
        Inputs.RepeatsPerUnresolvedContact.Source.Description.Should().Contain("same reason within 7 days");
        Inputs.RepeatsPerUnresolvedContact.Source.SampleSize.Should().BeLessThanOrEqualTo(fcr.Sum(g => g.Counts.ResolvedFlagged));
        lastYear.Should().NotBeEmpty();
        t.Count.Should().Be(Center.Interactions.Count);
    }

    [Fact]
    public void LastYearByChannel_CountsOnlyTheLastYearsArrivals()
    {
        // Independent: a rollup of a table built from the last year's records alone has the same volumes.
        var lastYear = Center.Interactions.Where(i => i.ArrivedAt >= Center.End - Duration.FromDays(365) && i.ArrivedAt < Center.End);
        var direct = KpiRollup.Compute(InteractionTable.Create(lastYear, Center.Customers), new KpiGrouping(KpiDimensions.Channel));

        Analysis.LastYearByChannel.Select(g => (g.Channel, g.Counts.OfferedContacts, g.Counts.HandledContacts, g.Counts.ResolvedFlagged))
            .Should().Equal(direct.Select(g => (g.Channel, g.Counts.OfferedContacts, g.Counts.HandledContacts, g.Counts.ResolvedFlagged)));
    }

    [Fact]
    public void WithoutRates_CostFiguresAndBusinessCase_UnavailableWithReason()
    {
        var analysis = AnalysisOf(Center);

        analysis.CostToServe.IsAvailable.Should().BeFalse();
        analysis.CostToServe.Reason.Should().Contain("No cost rates");
        analysis.Profitability.IsAvailable.Should().BeFalse();
        analysis.FcrBusinessCase.Reason.Should().Contain("cost-to-serve");
        var read = () => analysis.CostToServe.Value;
        read.Should().Throw<InvalidOperationException>().WithMessage("No cost rates*");
        // Figures that do not need rates are there.
        analysis.Retention.IsAvailable.Should().BeTrue();
    }

    [Fact]
    public void RatesMissingAChannel_CostToServe_UnavailableNamingTheChannel()
    {
        // The simulated center has self-service contacts (SimulationOptions defaults); these rates price agent channels only.
        var agentOnly = new CostModel(Currency.Eur, [.. ChannelNames.All.Where(c => c.IsAgentHandled()).Select(c => new ChannelRates(c, new Money(30m, Currency.Eur), 0.3, 0.8))]);

        var analysis = AnalysisOf(Center, new AnalysisOptions { Rates = agentOnly, RatesSource = "agent-only rates" });

        analysis.CostToServe.Reason.Should().Be("The cost rates (agent-only rates) have no rates for self_service, which the contacts use; add them (with zero amounts if a channel really costs nothing).");
        analysis.FcrBusinessCase.Reason.Should().StartWith("The business case needs the cost-to-serve: The cost rates (agent-only rates)");
    }

    [Fact]
    public void EarlierEnd_EveryFigureReadsOnlyTheRecordsKnownThen()
    {
        // As of 2025-01-01 (the simulation runs 2024-01-01 to 2025-12-31, Europe/Amsterdam).
        var zone = Center.Options.TimeZone;
        var end = zone.AtStartOfDay(new LocalDate(2025, 1, 1)).ToInstant();
        var data = ContactCenterData.Create(Center.Customers, Center.Interactions, Center.Purchases, Center.Touchpoints, Center.Conversions);
        var window = new ObservationWindow(Center.Start, end, zone);

        var analysis = ContactCenterAnalysis.Create(data, window);

        // Independent counts with LINQ on the records.
        int contacts = Center.Interactions.Count(i => i.ArrivedAt < end);
        analysis.Overall.Counts.OfferedContacts.Should().Be(Center.Interactions.Count(i => i.ArrivedAt < end && i.Direction == Direction.Inbound));
        analysis.Data.Interactions.Count.Should().Be(contacts);
        analysis.OutsideWindow.Interactions.Should().Be(Center.Interactions.Count - contacts);
        analysis.Data.Conversions.Should().OnlyContain(c => c.OccurredAt < end);
        analysis.Trend.Should().HaveCount(12, "twelve months of 2024");
        // A customer acquired in 2025 is not yet a customer; one who churned in 2025 was still active at the end.
        var last = new LocalDate(2024, 12, 31);
        analysis.Data.Customers.Length.Should().Be(Center.Customers.Count(c => c.AcquiredOn <= last));
        analysis.Data.Customers.Count(c => c.ChurnedOn is null).Should().Be(Center.Customers.Count(c => c.AcquiredOn <= last && !(c.ChurnedOn <= last)));
        analysis.OutsideWindow.ChurnsAfterEnd.Should().Be(Center.Customers.Count(c => c.AcquiredOn <= last && c.ChurnedOn > last));
        // The whole window: nothing left out.
        Analysis.OutsideWindow.None.Should().BeTrue();
    }

    [Fact]
    public void WithoutPurchases_Clv_UnavailableAndRetentionHasNoValue()
    {
        var data = ContactCenterData.Create(Center.Customers, Center.Interactions, [], Center.Touchpoints, Center.Conversions);
        var analysis = ContactCenterAnalysis.Create(data, Analysis.Window);

        analysis.Clv.Reason.Should().Be("There are no purchases to value customers on.");
        analysis.Retention.Value.Value.Should().BeNull();
    }

    [Fact]
    public void StaffingProfile_AndServiceLevelCosts_ShareOneProfile()
    {
        var costs = Analysis.ServiceLevelCosts.Value;

        costs.Profile.Should().BeSameAs(Analysis.StaffingProfile.Value);
        costs.Targets.Select(t => t.Name).Should().Equal("70/20", "80/20", "90/20");
        // A higher service level never needs fewer paid hours (Erlang C is monotone in the target).
        costs.Targets.Select(t => t.ScheduledHoursPerWeek).Should().BeInAscendingOrder();
        // Cost a year = paid hours a week x 30 per paid hour (the test rates) x 365.25 / 7, by hand.
        var middle = costs.Targets[1];
        ((double)middle.CostPerYear.Amount).Should().BeApproximately(middle.ScheduledHoursPerWeek * 30 * 365.25 / 7, 0.01);
        // The peak is the most agents of any interval, as the requirements of the same target's plan give them (shrinkage
        // changes only the scheduled staff, not the agents taking contacts).
        var profile = costs.Profile;
        var plan = new StaffingPlanner(new StaffingTarget(middle.ServiceLevel, middle.Threshold))
            .Plan(profile.ContactsPerInterval.AsSpan(), profile.Interval, profile.AverageHandleTime);
        middle.PeakAgents.Should().BePositive().And.Be(plan.Requirements.Max(r => r.Agents));
    }

    [Fact]
    public void Options_TrendBucketShorterThanADay_ThrowsNamingIt()
    {
        // A trend point is a local day's start (the report keys its buckets by date), so hours would collide.
        var act = () => new AnalysisOptions { TrendBucket = TimeBucket.Hour };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("TrendBucket");
    }

    [Fact]
    public void KpiRollup_InvertedArrivalRange_ThrowsNamingTheGrouping()
    {
        var grouping = new KpiGrouping { ArrivedFrom = Center.End, ArrivedBefore = Center.Start };

        var act = () => KpiRollup.Compute(Analysis.Interactions, grouping);

        act.Should().Throw<ArgumentException>().WithParameterName("grouping");
    }

    [Fact]
    public void ObservationWindow_OfDays_CoversWholeLocalDays()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var first = Instant.FromUtc(2025, 3, 1, 9, 15);
        var last = Instant.FromUtc(2025, 10, 26, 22, 30); // 23:30 local (CET, after the change back from summer time).

        var window = ObservationWindow.OfDays(first, last, zone);

        window.Start.Should().Be(Instant.FromUtc(2025, 2, 28, 23, 0)); // local midnight, UTC+1
        window.End.Should().Be(Instant.FromUtc(2025, 10, 26, 23, 0)); // midnight of 27 October, UTC+1
        window.FirstDay.Should().Be(new LocalDate(2025, 3, 1));
        window.LastDay.Should().Be(new LocalDate(2025, 10, 26));
        window.LastYearStart.Should().Be(window.Start); // shorter than a year
        var backwards = () => new ObservationWindow(last, first, zone);
        backwards.Should().Throw<ArgumentException>().Where(e => e.ParamName == "end");
    }

    [Fact]
    public void FcrBusinessCase_IsTheMeasuredInputsCase_WithTheOptionsSeed()
    {
        var direct = Inputs.FcrImprovement(UncertainInput.AssumedShare("FCR gain", 0.05, 0.03, 0.07, "t")).Analyze(Analysis.Options.Iterations, Analysis.Options.Seed);

        Analysis.FcrBusinessCase.Value.Total.Point.Should().Be(direct.Total.Point);
        Analysis.FcrBusinessCase.Value.Total.P10.Should().Be(direct.Total.P10);
        Analysis.ServiceProgramme.Value.Lines.Should().HaveCount(5);
    }
}

/// <summary>Tests that listen to the library's process-wide counters run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

[Collection(TelemetryCollection.Name)]
public class ContactCenterAnalysisCountingTests
{
    [Fact]
    public void EveryFigure_BuildsTheTableOnceAndFitsEachModelOnce()
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 3, Customers = 1_500 });
        var rates = new CostModel(Currency.Eur, [.. ChannelNames.All
            .Select(c => c.IsAgentHandled() ? new ChannelRates(c, new Money(30m, Currency.Eur), 0.3, 0.8) : new ChannelRates(c, Money.Zero(Currency.Eur), 0, 1))]);
        using var counts = ContactMetricsCounts.Start();
        // The data holds the contacts as the table: built once, with the data, and read by every figure.
        var analysis = ContactCenterAnalysisTests.AnalysisOf(center, new AnalysisOptions { Rates = rates, Iterations = 500 });

        // Every figure, some twice.
        _ = analysis.Overall; _ = analysis.ByChannel; _ = analysis.Trend; _ = analysis.TrendByChannel; _ = analysis.LastYearByChannel;
        _ = analysis.Clv; _ = analysis.Retention; _ = analysis.Attribution; _ = analysis.CostToServe; _ = analysis.Profitability;
        _ = analysis.ServiceLevelCosts; _ = analysis.FcrBusinessCase; _ = analysis.ServiceProgramme; _ = analysis.Clv; _ = analysis.Retention;
        analysis.FcrBusinessCase.IsAvailable.Should().BeTrue(analysis.FcrBusinessCase.Reason);

        counts.All.Should().Contain(ContactMetricsTelemetry.InteractionTableBuilds, 1);
        counts.All.Should().Contain(ContactMetricsTelemetry.ModelFits + ":BG/NBD", 1);
        counts.All.Should().Contain(ContactMetricsTelemetry.ModelFits + ":Gamma-Gamma", 1);
        (counts.InteractionTableBuilds, counts.FitsOf("BG/NBD"), counts.FitsOf("Gamma-Gamma"), counts.FitsOf("Pareto/NBD")).Should().Be((1L, 1L, 1L, 0L));
        counts.All.Keys.Should().BeEquivalentTo(ContactMetricsTelemetry.InteractionTableBuilds, ContactMetricsTelemetry.ModelFits + ":BG/NBD", ContactMetricsTelemetry.ModelFits + ":Gamma-Gamma");
    }
}
