using System.Security.Cryptography;
using System.Text;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

/// <summary>Simulated centers shared by the simulation tests, generated once per test run.</summary>
public sealed class SimulationFixture
{
    private readonly Lazy<SimulatedContactCenter> _small = new(() => ContactCenterSimulator.Generate(SmallOptions));
    private readonly Lazy<SimulatedContactCenter> _large = new(() => ContactCenterSimulator.Generate(LargeOptions));
    private readonly Lazy<SimulatedContactCenter> _noEffects = new(() => ContactCenterSimulator.Generate(NoEffectsOptions));
    private readonly Lazy<SimulatedContactCenter> _telecom = new(() => ContactCenterSimulator.Generate(TelecomOptions));
    private readonly Lazy<SimulatedContactCenter> _operations = new(() => ContactCenterSimulator.Generate(OperationsOptions));
    private readonly Lazy<(SimulatedContactCenter Center, TimeSpan Elapsed)> _default = new(() =>
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 42 });
        return (center, watch.Elapsed);
    });

    /// <summary>3,000 customers over the default two years: consistency and sanity checks.</summary>
    public static SimulationOptions SmallOptions { get; } = new() { Seed = 42, Customers = 3_000 };

    /// <summary>8,000 customers: enough events to see the planted effects clearly.</summary>
    public static SimulationOptions LargeOptions { get; } = new() { Seed = 7, Customers = 8_000 };

    /// <summary>The large run without the planted effects (hazard ratio 1, service lift 1, no CSAT effect of resolution): the control.</summary>
    public static SimulationOptions NoEffectsOptions { get; } = new()
    {
        Seed = 7,
        Customers = 8_000,
        Churn = new ChurnOptions { UnresolvedHazardRatio = 1.0 },
        Marketing = new MarketingOptions { ServiceLift = 1.0 },
        Surveys = new SurveyOptions { ResolvedEffect = 0.0 },
    };

    /// <summary>The telecom preset at 20,000 customers, seed 7: the survey relations (CSAT -> churn per segment, NPS -> recommended, CES -> repeats) are planted.</summary>
    public static SimulationOptions TelecomOptions { get; } = SimulationPresets.For(SimulationPreset.Telecom) with { Seed = 7, Customers = 20_000 };

    /// <summary>
    /// The telecom preset at 80,000 customers over one year, seed 42: a smaller center than the demo's (7.5 phone agents
    /// on the queue in a mean staffed hour against 8.5), with the preset's blended outbound campaign and IVR/chatbot.
    /// </summary>
    public static SimulationOptions OperationsOptions { get; } = SimulationPresets.For(SimulationPreset.Telecom) with { Seed = 42, Customers = 80_000, DurationDays = 365 };

    public SimulatedContactCenter Small => _small.Value;

    public SimulatedContactCenter Operations => _operations.Value;

    public SimulatedContactCenter Telecom => _telecom.Value;

    public SimulatedContactCenter Large => _large.Value;

    public SimulatedContactCenter NoEffects => _noEffects.Value;

    /// <summary>The demo's world: default options (100,000 customers, two years), seed 42.</summary>
    public SimulatedContactCenter Default => _default.Value.Center;

    /// <summary>How long generating <see cref="Default"/> took.</summary>
    public TimeSpan DefaultElapsed => _default.Value.Elapsed;
}

[CollectionDefinition(Name)]
public sealed class SimulationCollection : ICollectionFixture<SimulationFixture>
{
    public const string Name = "Simulation";
}

/// <summary>Helpers that read the simulated tables the way an analyst would.</summary>
internal static class SimulationTables
{
    internal const double SecondsPerDay = 86_400;

    /// <summary>A SHA-256 of every field of every table, to compare runs bit for bit.</summary>
    internal static string Fingerprint(SimulatedContactCenter center)
        => Fingerprint(center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions, center.ControlConversions, center.StaffingPlan, center.CustomerTruths);

    /// <summary>The same SHA-256 over a streamed center's tables.</summary>
    internal static string Fingerprint(StreamedContactCenter world)
        => Fingerprint(world.Customers, world.Interactions, world.Purchases, world.Touchpoints, world.Conversions, world.ControlConversions, world.StaffingPlan, world.CustomerTruths);

    private static string Fingerprint(IEnumerable<Customer> customers, IEnumerable<Interaction> interactions, IEnumerable<Purchase> purchases, IEnumerable<Touchpoint> touchpoints,
        IEnumerable<Conversion> conversions, IEnumerable<Conversion> controlConversions, IEnumerable<StaffingInterval> staffingPlan, IEnumerable<CustomerTruth> truths)
    {
        var text = new StringBuilder();
        foreach (var c in customers)
        {
            text.Append(c.Id).Append('|').Append(c.AcquiredOn).Append('|').Append(c.ChurnedOn).Append('|').Append(c.Segment).Append('\n');
        }
        foreach (var i in interactions)
        {
            text.Append(i.Id).Append('|').Append(i.CustomerId).Append('|').Append(i.Channel).Append('|').Append(i.Direction)
                .Append('|').Append(i.AgentId).Append('|').Append(i.Queue).Append('|').Append(i.Reason)
                .Append('|').Append(i.ArrivedAt).Append('|').Append(i.AnsweredAt).Append('|').Append(i.EndedAt)
                .Append('|').Append(i.Talk.TotalTicks).Append('|').Append(i.Hold.TotalTicks).Append('|').Append(i.AfterCallWork.TotalTicks)
                .Append('|').Append(i.Resolved).Append('|').Append(i.Transfers).Append('|').Append(i.Survey).Append('\n');
        }
        foreach (var p in purchases)
        {
            text.Append(p).Append('\n');
        }
        foreach (var t in touchpoints)
        {
            text.Append(t).Append('\n');
        }
        foreach (var c in conversions)
        {
            text.Append(c).Append('\n');
        }
        foreach (var c in controlConversions)
        {
            text.Append("control ").Append(c).Append('\n');
        }
        foreach (var s in staffingPlan)
        {
            text.Append(s).Append('\n');
        }
        foreach (var t in truths)
        {
            text.Append(t.CustomerId).Append('|').Append(t.Segment).Append('|').Append(t.AcquiredAt).Append('|').Append(t.PurchaseRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                .Append('|').Append(t.DropoutProbability.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('|').Append(t.MeanSpend.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('|').Append(t.PurchaseDropoutAt)
                .Append('|').Append(t.FirstUnresolvedContactAt).Append('|').Append(t.ChurnedAt).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The analysis of a simulated center's tables with the example rates, over the simulated period.</summary>
    internal static ContactMetrics.Valuation.ContactCenterAnalysis Analyze(SimulatedContactCenter center)
        => ContactMetrics.Valuation.ContactCenterAnalysis.Create(
            ContactMetrics.Valuation.ContactCenterData.Create(center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions),
            new ObservationWindow(center.Start, center.End, center.Options.TimeZone),
            new ContactMetrics.Valuation.AnalysisOptions { Rates = ExampleRates.For(center), RatesSource = "example rates" });

    /// <summary>Each customer's acquisition instant: their first purchase.</summary>
    internal static Dictionary<CustomerId, Instant> AcquisitionInstants(SimulatedContactCenter center)
    {
        var result = new Dictionary<CustomerId, Instant>();
        foreach (var p in center.Purchases)
        {
            result.TryAdd(p.CustomerId, p.OccurredAt);
        }
        return result;
    }

    /// <summary>The end of each customer's first unresolved interaction.</summary>
    internal static Dictionary<CustomerId, Instant> FirstUnresolvedEnds(SimulatedContactCenter center)
    {
        var result = new Dictionary<CustomerId, Instant>();
        foreach (var i in center.Interactions.OrderBy(i => i.EndedAt))
        {
            if (i.Resolved == false)
            {
                result.TryAdd(i.CustomerId!.Value, i.EndedAt);
            }
        }
        return result;
    }

    /// <summary>
    /// Where a customer's observation ends: the end of the period, or the end of the churn day
    /// (the tables give the churn date, not the instant).
    /// </summary>
    internal static Instant ObservationEnd(SimulatedContactCenter center, Customer customer)
        => customer.ChurnedOn is LocalDate churned
            ? center.Options.TimeZone.AtStartOfDay(churned.PlusDays(1)).ToInstant()
            : center.End;

    internal static double Days(Duration duration) => duration.TotalSeconds / SecondsPerDay;
}
