using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using ContactMetrics.Kpis;
using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Valuation;

/// <summary>What one service-level target costs on the staffed channel's average week (Erlang C per interval, after shrinkage).</summary>
public sealed record ServiceLevelCost
{
    /// <summary>Made by the analysis only.</summary>
    internal ServiceLevelCost(
        double serviceLevel,
        Duration threshold,
        int peakAgents,
        double scheduledHoursPerWeek,
        double fte,
        double occupancy,
        Money costPerYear)
    {
        ServiceLevel = serviceLevel;
        Threshold = threshold;
        PeakAgents = peakAgents;
        ScheduledHoursPerWeek = scheduledHoursPerWeek;
        Fte = fte;
        Occupancy = occupancy;
        CostPerYear = costPerYear;
    }

    /// <summary>The target share answered within <see cref="Threshold"/>.</summary>
    public double ServiceLevel { get; }

    /// <summary>The answer-time threshold.</summary>
    public Duration Threshold { get; }

    /// <summary>The most agents any interval needs.</summary>
    public int PeakAgents { get; }

    /// <summary>Paid agent hours a week, after shrinkage.</summary>
    public double ScheduledHoursPerWeek { get; }

    /// <summary>Full-time equivalents at the analysis's paid time per FTE-week.</summary>
    public double Fte { get; }

    /// <summary>Handled hours / hours on the phones (traffic / agent hours).</summary>
    public double Occupancy { get; }

    /// <summary>Scheduled hours x loaded cost per paid hour x 365.25 / 7 weeks.</summary>
    public Money CostPerYear { get; }

    /// <summary>The target as people write it, e.g. <c>80/20</c>.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{ServiceLevel * 100:0.#}/{Threshold.TotalSeconds:0}");
}

/// <summary>The cost of several service-level targets on one demand profile, with what they assumed.</summary>
public sealed record ServiceLevelCosts
{
    /// <summary>Made by the analysis only.</summary>
    internal ServiceLevelCosts(
        ImmutableArray<ServiceLevelCost> targets,
        StaffingProfile profile,
        double shrinkage,
        Money loadedCostPerPaidHour)
    {
        Targets = targets;
        Profile = profile;
        Shrinkage = shrinkage;
        LoadedCostPerPaidHour = loadedCostPerPaidHour;
    }

    /// <summary>One row per target, in the order of <see cref="AnalysisOptions.ServiceLevelTargets"/>.</summary>
    public ImmutableArray<ServiceLevelCost> Targets { get; }

    /// <summary>The demand (the staffed channel's average week of the last year).</summary>
    public StaffingProfile Profile { get; }

    /// <summary>The staffed channel's shrinkage (from the rates).</summary>
    public double Shrinkage { get; }

    /// <summary>The staffed channel's loaded cost per paid hour (from the rates).</summary>
    public Money LoadedCostPerPaidHour { get; }
}

public sealed partial class ContactCenterAnalysis
{
    private const decimal WeeksPerYear = 365.25m / 7m;

    private readonly Lazy<AnalysisFigure<CostToServeResult>> _cost;
    private readonly Lazy<AnalysisFigure<CustomerProfitability>> _profitability;
    private readonly Lazy<AnalysisFigure<StaffingProfile>> _profile;
    private readonly Lazy<AnalysisFigure<ServiceLevelCosts>> _serviceLevelCosts;

    /// <summary>Cost-to-serve of every contact of the window under <see cref="AnalysisOptions.Rates"/> (repeat chains by <see cref="KpiOptions.Repeat"/>), or why it is unavailable (no rates).</summary>
    public AnalysisFigure<CostToServeResult> CostToServe => _cost.Value;

    /// <summary>Profit per customer = purchases in the window x the margin - cost-to-serve, and the whale curve; unavailable without rates.</summary>
    public AnalysisFigure<CustomerProfitability> Profitability => _profitability.Value;

    /// <summary>The staffed channel's average week of inbound arrivals in the last year, in <see cref="AnalysisOptions.StaffingInterval"/> intervals, at its measured AHT.</summary>
    public AnalysisFigure<StaffingProfile> StaffingProfile => _profile.Value;

    /// <summary>What each of <see cref="AnalysisOptions.ServiceLevelTargets"/> costs a year on <see cref="StaffingProfile"/>; unavailable without rates for the staffed channel.</summary>
    public AnalysisFigure<ServiceLevelCosts> ServiceLevelCosts => _serviceLevelCosts.Value;

    private AnalysisFigure<CostToServeResult> ComputeCostToServe() =>
        CostToServeOf(Interactions.Channels(), () => CostToServeCalculator.Compute(Interactions, Options.Rates!, Options.Kpis.Repeat));

    /// <summary>Cost-to-serve by <paramref name="compute"/> when there are rates for every channel in <paramref name="channels"/> (the contacts' channels).</summary>
    private AnalysisFigure<CostToServeResult> CostToServeOf(IEnumerable<Channel> channels, Func<CostToServeResult> compute)
    {
        if (Options.Rates is not { } rates)
        {
            return AnalysisFigure<CostToServeResult>.Unavailable("No cost rates were given (loaded cost per paid hour, shrinkage, occupancy, fees; see docs/models/cost-to-serve.md).");
        }
        var unpriced = channels.Distinct().Where(c => rates.RatesOf(c) is null).Order().ToList();
        if (unpriced.Count > 0)
        {
            return AnalysisFigure<CostToServeResult>.Unavailable(
                $"The cost rates ({Options.RatesSource}) have no rates for {string.Join(", ", unpriced.Select(c => c.ToSchemaName()))}, which the contacts use; add them (with zero amounts if a channel really costs nothing).");
        }
        return Try(() => AnalysisFigure<CostToServeResult>.Of(compute()));
    }

    private AnalysisFigure<CustomerProfitability> ComputeProfitability() => ProfitabilityOf(() =>
    {
        // Every customer (0 without purchases), then buyers missing from the customers in order of first purchase.
        var revenue = new Dictionary<CustomerId, decimal>();
        foreach (var c in Data.Customers)
        {
            revenue[c.Id] = 0m;
        }
        var purchases = Data.Purchases;
        var sums = purchases.SumByCustomer();
        for (int code = 0; code < sums.Length; code++)
        {
            revenue[new CustomerId(purchases.Customers[code])] = sums[code];
        }
        return revenue;
    });

    /// <summary>Profit per customer from <paramref name="revenueOf"/>: each customer's purchases in the window (0 for a customer without any).</summary>
    private AnalysisFigure<CustomerProfitability> ProfitabilityOf(Func<IReadOnlyDictionary<CustomerId, decimal>> revenueOf)
    {
        if (!CostToServe.TryGetValue(out var costs))
        {
            return AnalysisFigure<CustomerProfitability>.Unavailable(CostToServe.Reason!);
        }
        var revenue = revenueOf();
        decimal margin = (decimal)Options.Margin;
        var values = revenue.ToDictionary(kv => kv.Key, kv => new Money(decimal.Round(kv.Value * margin, 2), costs.Currency));
        return Try(() => AnalysisFigure<CustomerProfitability>.Of(CustomerProfitability.Compute(costs, values,
            string.Create(CultureInfo.InvariantCulture, $"purchases in the window x {Options.Margin * 100:0.#}% margin (assumed)"))));
    }

    private AnalysisFigure<StaffingProfile> ComputeStaffingProfile()
    {
        var channel = Options.StaffedChannel;
        var group = LastYearByChannel.FirstOrDefault(g => g.Channel == channel);
        if (group?.AverageHandleTime.Value is not double ahtSeconds || ahtSeconds <= 0)
        {
            return AnalysisFigure<StaffingProfile>.Unavailable($"No answered {channel.ToSchemaName()} contact in the last year to make a staffing profile of.");
        }
        int minutes = (int)Options.StaffingInterval.TotalMinutes;
        int perDay = 1440 / minutes;
        var counts = new double[7 * perDay];
        void Count(long ms, long arrivals)
        {
            var local = Instant.FromUnixTimeMilliseconds(ms).InZone(Window.TimeZone).LocalDateTime;
            counts[(((int)local.DayOfWeek - 1) * perDay) + (((local.Hour * 60) + local.Minute) / minutes)] += arrivals;
        }
        if (_summaries is { } summaries)
        {
            if (StaffingBucketsMissing(summaries, channel) is { } reason)
            {
                return AnalysisFigure<StaffingProfile>.Unavailable(reason);
            }
            foreach (var g in summaries.Kpis)
            {
                long ms = g.BucketStart!.Value.ToInstant().ToUnixTimeMilliseconds();
                if (g.Channel == channel && InLastYear(ms))
                {
                    Count(ms, g.Counts.OfferedContacts);
                }
            }
        }
        else
        {
            var t = Interactions;
            for (int i = 0; i < t.Count; i++)
            {
                long ms = t.ArrivedMs[i];
                if (t.Channel[i] == (byte)channel && t.Direction[i] == (byte)Direction.Inbound && InLastYear(ms))
                {
                    Count(ms, 1);
                }
            }
        }
        double weeks = (Window.End - Window.LastYearStart).TotalDays / 7;
        for (int s = 0; s < counts.Length; s++)
        {
            counts[s] /= weeks;
        }
        return AnalysisFigure<StaffingProfile>.Of(new StaffingProfile(counts, Options.StaffingInterval, Duration.FromMilliseconds(Math.Round(ahtSeconds * 1000)), Options.PaidTimePerFteWeek,
            string.Create(CultureInfo.InvariantCulture, $"an average week of {channel.ToSchemaName()} arrivals from {Window.LastYearStart} to {Window.End} ({counts.Length} intervals of {minutes} min, {weeks:0.#} weeks, {Window.TimeZone.Id}), AHT {ahtSeconds:0} s measured")));
    }

    private AnalysisFigure<ServiceLevelCosts> ComputeServiceLevelCosts()
    {
        if (!StaffingProfile.TryGetValue(out var profile))
        {
            return AnalysisFigure<ServiceLevelCosts>.Unavailable(StaffingProfile.Reason!);
        }
        if (Options.Rates?.RatesOf(Options.StaffedChannel) is not { } rates)
        {
            return AnalysisFigure<ServiceLevelCosts>.Unavailable($"No cost rates for {Options.StaffedChannel.ToSchemaName()} to price its service level with.");
        }
        var loads = profile.ContactsPerInterval.Select(c => new QueueLoad(c, profile.Interval, profile.AverageHandleTime)).ToArray();
        double traffic = loads.Sum(l => l.TrafficErlangs * l.Interval.TotalHours);
        var rows = ImmutableArray.CreateBuilder<ServiceLevelCost>();
        foreach (double level in Options.ServiceLevelTargets)
        {
            var plan = new StaffingPlanner(new StaffingTarget(level, Options.ServiceLevelThreshold), rates.Shrinkage).Plan(loads);
            var cost = plan.Cost(rates.LoadedCostPerPaidHour) * WeeksPerYear;
            rows.Add(new ServiceLevelCost(level, Options.ServiceLevelThreshold, PeakAgents(plan.Agents), plan.TotalScheduledAgentHours,
                plan.Fte(Options.PaidTimePerFteWeek), plan.TotalAgentHours > 0 ? traffic / plan.TotalAgentHours : 0,
                new Money(decimal.Round(cost.Amount, 2), cost.Currency)));
        }
        return AnalysisFigure<ServiceLevelCosts>.Of(new ServiceLevelCosts(rows.ToImmutable(), profile, rates.Shrinkage, rates.LoadedCostPerPaidHour));
    }

    /// <summary>The most agents of any interval of a plan, from its column (no requirement is built); a profile has at least one interval.</summary>
    private static int PeakAgents(ReadOnlySpan<int> agents)
    {
        int peak = 0;
        foreach (int n in agents)
        {
            peak = Math.Max(peak, n);
        }
        return peak;
    }
}
