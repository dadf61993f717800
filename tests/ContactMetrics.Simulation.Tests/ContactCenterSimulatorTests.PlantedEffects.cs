using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

public sealed partial class ContactCenterSimulatorTests
{
    [Fact]
    public void Generate_UnresolvedContact_RaisesChurnRateByThePlantedRatio()
    {
        // Planted: hazard ratio 1.8 from the first unresolved contact on (ChurnOptions).
        double ratio = ChurnRateRatio(Large, "consumer");

        ratio.Should().BeInRange(1.45, 2.25);
    }

    [Fact]
    public void Generate_HazardRatioOne_ChurnRateUnchangedByUnresolvedContacts()
    {
        // The control for the test above: the same estimate must find no effect when none is planted.
        ChurnRateRatio(NoEffects, "consumer").Should().BeInRange(0.8, 1.25);
    }

    [Fact]
    public void Generate_Churn_BaselineHazardRecoveredBeforeAnyUnresolvedContact()
    {
        // Unexposed consumer customer-time churns at the segment's baseline hazard, 0.20 per year.
        var (events, years) = ChurnExposure(Large, "consumer", exposed: false);

        (events / years).Should().BeApproximately(0.20, 0.03);
    }

    [Fact]
    public void Generate_ChurnDisabled_NobodyChurns()
    {
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 2, Customers = 500, Churn = ChurnOptions.None });

        center.Customers.Should().OnlyContain(c => c.ChurnedOn == null);
        center.CustomerTruths.Should().OnlyContain(t => t.ChurnedAt == null);
    }

    [Fact]
    public void Generate_Resolution_RaisesCsatByAboutThePlantedEffect()
    {
        // Planted: +1.3 CSAT points of latent satisfaction when resolved; rounding to 1-5 and
        // clamping shrink it a little.
        double difference = CsatDifference(Large);

        difference.Should().BeInRange(1.0, 1.4);
        var resolvedNps = Large.Interactions.Where(i => i.Resolved == true && i.Survey is not null).Average(i => i.Survey!.Nps!.Value);
        var unresolvedNps = Large.Interactions.Where(i => i.Resolved == false && i.Survey is not null).Average(i => i.Survey!.Nps!.Value);
        resolvedNps.Should().BeGreaterThan(unresolvedNps + 2);
    }

    [Fact]
    public void Generate_NoResolvedEffect_CsatSameForResolvedAndUnresolved()
    {
        CsatDifference(NoEffects).Should().BeInRange(-0.1, 0.1);
    }

    [Fact]
    public void Generate_LongWait_LowersCsat()
    {
        // Planted: -0.05 CSAT points per minute waited; phone callers who waited over two minutes
        // score lower than those answered at once.
        var phone = Large.Interactions.Where(i => i.Channel == Channel.Phone && i.Survey is not null && i.Resolved == true).ToList();
        double immediate = phone.Where(i => i.AnsweredAt == i.ArrivedAt).Average(i => i.Survey!.Csat!.Value);
        double waited = phone.Where(i => i.AnsweredAt!.Value - i.ArrivedAt > Duration.FromMinutes(2)).Average(i => i.Survey!.Csat!.Value);

        waited.Should().BeLessThan(immediate - 0.05);
    }

    [Fact]
    public void Generate_ResolvedServiceContact_LiftsConversionRateByThePlantedFactor()
    {
        // Planted: conversions are 1.5 times as likely within 14 days after a resolved contact.
        ConversionRateRatio(Large).Should().BeInRange(1.25, 1.8);
    }

    [Fact]
    public void Generate_NoServiceLift_ConversionRateSameInsideAndOutsideTheWindow()
    {
        ConversionRateRatio(NoEffects).Should().BeInRange(0.8, 1.2);
    }

    [Fact]
    public void Generate_PaidSearchTouch_LiftsConversionRate()
    {
        // Planted: lift 1.8 within 7 days of a paid_search touch, 1.1 for display.
        ConversionRateRatioAfterTouch(Large, "paid_search").Should().BeGreaterThan(1.4);
        ConversionRateRatioAfterTouch(Large, "display").Should().BeLessThan(1.4);
    }

    /// <summary>
    /// Churn events per customer-year after / before the first unresolved contact, in one segment,
    /// from the tables: acquisition = first purchase, exposure = end of the first unresolved
    /// interaction, churn = the middle of the churn day.
    /// </summary>
    private static double ChurnRateRatio(SimulatedContactCenter center, string segment)
    {
        var exposed = ChurnExposure(center, segment, exposed: true);
        var unexposed = ChurnExposure(center, segment, exposed: false);
        return exposed.Events / exposed.Years / (unexposed.Events / unexposed.Years);
    }

    private static (int Events, double Years) ChurnExposure(SimulatedContactCenter center, string segment, bool exposed)
    {
        var zone = center.Options.TimeZone;
        var acquired = SimulationTables.AcquisitionInstants(center);
        var unresolved = SimulationTables.FirstUnresolvedEnds(center);
        int events = 0;
        double days = 0;
        foreach (var customer in center.Customers.Where(c => c.Segment == segment))
        {
            var start = acquired[customer.Id];
            var end = customer.ChurnedOn is LocalDate churned ? zone.AtStartOfDay(churned).ToInstant() + Duration.FromHours(12) : center.End;
            var switchAt = unresolved.TryGetValue(customer.Id, out var u) && u < end ? u : end;
            if (switchAt < start)
            {
                switchAt = start;
            }
            days += SimulationTables.Days(exposed ? end - switchAt : switchAt - start);
            if (customer.ChurnedOn.HasValue && (switchAt < end) == exposed)
            {
                events++;
            }
        }
        return (events, days / 365.25);
    }

    private static double CsatDifference(SimulatedContactCenter center)
    {
        var surveyed = center.Interactions.Where(i => i.Survey?.Csat is not null).ToList();
        return surveyed.Where(i => i.Resolved == true).Average(i => i.Survey!.Csat!.Value)
            - surveyed.Where(i => i.Resolved == false).Average(i => i.Survey!.Csat!.Value);
    }

    /// <summary>
    /// Conversions per customer-day inside / outside the 14 days after a resolved interaction's
    /// end, over each customer's observed time (acquisition to churn day or the end).
    /// </summary>
    private static double ConversionRateRatio(SimulatedContactCenter center)
    {
        var window = center.Options.Marketing.ServiceWindow;
        var ends = center.Interactions.Where(i => i.Resolved == true)
            .GroupBy(i => i.CustomerId!.Value)
            .ToDictionary(g => g.Key, g => g.Select(i => i.EndedAt).Order().ToList());
        return RateRatio(center, id => ends.TryGetValue(id, out var list) ? list : [], window);
    }

    private static double ConversionRateRatioAfterTouch(SimulatedContactCenter center, string channel)
    {
        var window = center.Options.Marketing.TouchWindow;
        var touches = center.Touchpoints.Where(t => t.Channel == channel)
            .GroupBy(t => t.CustomerId)
            .ToDictionary(g => g.Key, g => g.Select(t => t.OccurredAt).ToList());
        return RateRatio(center, id => touches.TryGetValue(id, out var list) ? list : [], window);
    }

    /// <summary>Conversion rate inside the union of [trigger, trigger + window) over the rate outside it.</summary>
    private static double RateRatio(SimulatedContactCenter center, Func<CustomerId, List<Instant>> triggers, Duration window)
    {
        var acquired = SimulationTables.AcquisitionInstants(center);
        var conversions = center.Conversions.GroupBy(c => c.CustomerId).ToDictionary(g => g.Key, g => g.Select(c => c.OccurredAt).ToList());
        double insideDays = 0, outsideDays = 0;
        int insideEvents = 0, outsideEvents = 0;
        foreach (var customer in center.Customers)
        {
            var start = acquired[customer.Id];
            var end = SimulationTables.ObservationEnd(center, customer);
            var list = triggers(customer.Id);
            double observed = SimulationTables.Days(end - start);
            double inside = 0;
            Instant coveredUntil = start;
            foreach (var t in list)
            {
                var from = t < coveredUntil ? coveredUntil : t;
                var to = t + window < end ? t + window : end;
                if (to > from)
                {
                    inside += SimulationTables.Days(to - from);
                    coveredUntil = to;
                }
            }
            insideDays += inside;
            outsideDays += observed - inside;
            if (conversions.TryGetValue(customer.Id, out var converted))
            {
                foreach (var c in converted)
                {
                    bool isInside = list.Any(t => t <= c && c < t + window);
                    if (isInside)
                    {
                        insideEvents++;
                    }
                    else
                    {
                        outsideEvents++;
                    }
                }
            }
        }
        return insideEvents / insideDays / (outsideEvents / outsideDays);
    }
}
