using System.Globalization;
using ContactMetrics.Attribution;
using ContactMetrics.Clv;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace ContactMetrics.Valuation;

/// <summary>
/// Measures the inputs of a contact-center business case from the standard tables (customers, interactions,
/// purchases, touchpoints, conversions) with the library's calculators: volume and FCR (<see cref="KpiRollup"/>),
/// repeats after an unresolved contact, retention uplift of a resolved first contact (<see cref="RetentionUpliftBuilder"/>),
/// customer value (BG/NBD x Gamma-Gamma), the demand profile for staffing, and service-assisted conversions (journeys).
/// </summary>
public static class BusinessCaseMeasurement
{
    private static readonly Duration Year = Duration.FromDays(365);

    /// <summary>Measures the inputs.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">The contacts.</param>
    /// <param name="purchases">The purchases (for the CLV), in one currency.</param>
    /// <param name="touchpoints">The marketing touches (for the journeys).</param>
    /// <param name="conversions">The conversions.</param>
    /// <param name="options">The year of data and the stated assumptions.</param>
    /// <returns>The measured inputs.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CurrencyMismatchException">A conversion is in another currency than the purchases.</exception>
    /// <exception cref="ArgumentException">
    /// The last year has no handled contact with a resolved flag, none of the staffed channel, or too few customers for the
    /// retention comparison (the message says which).
    /// </exception>
    public static MeasuredInputs Measure(
        IReadOnlyList<Customer> customers,
        IReadOnlyList<Interaction> interactions,
        IReadOnlyList<Purchase> purchases,
        IReadOnlyList<Touchpoint> touchpoints,
        IReadOnlyList<Conversion> conversions,
        MeasurementOptions options)
    {
        Preconditions.CheckNotNull(customers);
        Preconditions.CheckNotNull(interactions);
        Preconditions.CheckNotNull(purchases);
        Preconditions.CheckNotNull(touchpoints);
        Preconditions.CheckNotNull(conversions);
        Preconditions.CheckNotNull(options);
        var end = options.ObservationEnd;
        var start = end - Year;
        var lastYear = interactions.Where(i => i.ArrivedAt >= start && i.ArrivedAt < end).ToList();
        var currency = purchases.Count > 0 ? purchases[0].Amount.Currency
            : conversions.Count > 0 ? conversions[0].Value.Currency
            : options.CostModel?.Currency ?? Currency.Eur;
        foreach (var conversion in conversions)
        {
            if (conversion.Value.Currency != currency)
            {
                throw new CurrencyMismatchException(currency, conversion.Value.Currency);
            }
        }

        var kpis = KpiRollup.Compute(InteractionTable.Create(lastYear, customers), new KpiGrouping(KpiDimensions.Channel));
        long flagged = kpis.Sum(g => g.Counts.ResolvedFlagged);
        long resolved = kpis.Sum(g => g.Counts.ResolvedTrue);
        Preconditions.CheckArgument(flagged > 0, nameof(interactions), "No handled contact of the last year has a resolved flag: FCR and its lines cannot be measured.");
        var fcrRate = new RateEstimate(resolved, flagged, "FCR (resolved flag): flagged resolved / handled contacts with a flag, last 365 days");
        var staffed = kpis.FirstOrDefault(g => g.Channel == options.StaffedChannel)
            ?? throw new ArgumentException($"No {options.StaffedChannel.ToSchemaName()} contact in the last year to make a staffing profile of.", nameof(interactions));

        var contacts = UncertainInput.Exact("contacts a year", "contacts a year", flagged,
            InputSource.Measured("handled contacts with a resolved flag in the last 365 days", "count (KPI rollup); next year's volume taken as last year's", flagged));
        var fcr = UncertainInput.FromRate("current FCR", fcrRate, "share of handled contacts flagged resolved, last 365 days");
        var repeats = RepeatsPerUnresolved(lastYear, interactions, options.RepeatWindow);
        long customerCount = lastYear.Where(i => IsHandledWithFlag(i) && i.CustomerId is not null).Select(i => i.CustomerId!.Value).Distinct().LongCount();
        var customersAffected = UncertainInput.Exact("customers with a contact a year", "customers a year", customerCount,
            InputSource.Measured("customers with a handled contact with a known outcome in the last 365 days", "distinct count", customerCount));

        var uplift = RetentionUpliftBuilder.Estimate(customers, interactions, UpliftGrouping.FirstContactResolution, options.RetentionHorizon, end);
        var c = uplift.Comparison;
        var retention = UncertainInput.FromRetentionDifference("retention uplift (resolved vs not)", c.Difference,
            string.Create(CultureInfo.InvariantCulture, $"{options.RetentionHorizon.TotalDays:0}-day retention after the first contact with a known outcome, resolved ({c.Reference.Retention:P1}) minus not ({c.Exposed.Retention:P1}); index-date design"),
            c.Reference.Customers + c.Exposed.Customers);

        var valuePerCustomer = ValuePerCustomer(customers, purchases, options, currency);
        var profile = Profile(lastYear, options, staffed.AverageHandleTime.Value ?? 0);
        var (assisted, valuePerConversion) = Assists(touchpoints, conversions, interactions, options, currency, start, end);

        UncertainInput? costPerContact = null;
        if (options.CostModel is CostModel costModel)
        {
            var agentContacts = InteractionTable.Create(lastYear.Where(i => i.Channel.IsAgentHandled()), customers);
            var cost = CostToServeCalculator.Compute(agentContacts, costModel, new RepeatContactOptions(options.RepeatWindow));
            costPerContact = UncertainInput.FromCostPerContact("cost per contact", cost, options.CostRange, options.CostRatesSource);
        }

        string notes = string.Create(CultureInfo.InvariantCulture,
            $"A year = the 365 days before {end}. Repeat window {options.RepeatWindow.TotalDays:0.#} days; retention horizon {options.RetentionHorizon.TotalDays:0} days; margin {options.Margin:P0} on purchases and conversion values (assumed); CLV over {options.ClvYears} years at {options.AnnualDiscountRate:P0} a year; staffing on an average week of {options.StaffedChannel.ToSchemaName()} arrivals in {options.StaffingInterval.TotalMinutes:0}-minute intervals, {options.PaidTimePerFteWeek.TotalHours:0.#} paid hours per FTE a week.");
        return new MeasuredInputs(currency, contacts, fcr, repeats, customersAffected, retention, valuePerCustomer, profile, assisted, valuePerConversion, costPerContact, notes);
    }

    /// <summary>
    /// For each handled contact with a resolved flag in the year: is the customer's next contact on the same reason
    /// (any channel) within the window? The difference of those shares, unresolved minus resolved, is the extra repeats an
    /// unresolved contact brings; normal 95% interval of a difference of two proportions.
    /// </summary>
    private static UncertainInput RepeatsPerUnresolved(List<Interaction> lastYear, IReadOnlyList<Interaction> all, Duration window)
    {
        var next = new Dictionary<(CustomerId, string?), List<Instant>>();
        foreach (var i in all)
        {
            if (i.CustomerId is CustomerId id && i.Direction == Direction.Inbound)
            {
                var key = (id, i.Reason);
                if (!next.TryGetValue(key, out var list))
                {
                    next[key] = list = [];
                }
                list.Add(i.ArrivedAt);
            }
        }
        foreach (var list in next.Values)
        {
            list.Sort();
        }
        long nUnresolved = 0, kUnresolved = 0, nResolved = 0, kResolved = 0;
        foreach (var i in lastYear)
        {
            if (!IsHandledWithFlag(i) || i.Resolved is not bool isResolved || i.CustomerId is not CustomerId id || !next.TryGetValue((id, i.Reason), out var arrivals))
            {
                continue;
            }
            int at = arrivals.BinarySearch(i.ArrivedAt);
            // The first arrival after this one (equal instants are the same contact or a duplicate, not a repeat).
            int after = at < 0 ? ~at : at + 1;
            while (after < arrivals.Count && arrivals[after] == i.ArrivedAt)
            {
                after++;
            }
            bool repeated = after < arrivals.Count && arrivals[after] - i.ArrivedAt <= window;
            if (isResolved)
            {
                nResolved++;
                kResolved += repeated ? 1 : 0;
            }
            else
            {
                nUnresolved++;
                kUnresolved += repeated ? 1 : 0;
            }
        }
        Preconditions.CheckArgument(nUnresolved > 0 && nResolved > 0, nameof(lastYear),
            "The last year needs both resolved and unresolved contacts (of identified customers) to measure the repeats an unresolved contact brings.");
        double pu = (double)kUnresolved / nUnresolved, pr = (double)kResolved / nResolved;
        double se = Math.Sqrt((pu * (1 - pu) / nUnresolved) + (pr * (1 - pr) / nResolved));
        double z = Normal.InvCDF(0, 1, 0.975);
        double d = pu - pr;
        var interval = new ConfidenceInterval(Math.Max(-1, d - (z * se)), Math.Min(1, d + (z * se)), 0.95, "normal (difference of proportions)");
        var source = InputSource.Measured(
            string.Create(CultureInfo.InvariantCulture, $"share of contacts followed by a same-reason contact within {window.TotalDays:0.#} days: unresolved {pu:P1} minus resolved {pr:P1}"),
            "difference of proportions, normal 95% interval", nUnresolved + nResolved);
        return UncertainInput.FromInterval("extra repeats per unresolved contact", "contacts", d, interval, source, null, -1, 1);
    }

    /// <summary>The contacts the KPI rollup counts in FCR by the resolved flag: answered on an agent channel, with a flag.</summary>
    private static bool IsHandledWithFlag(Interaction i) => i.Resolved is not null && i.IsAnswered && i.Channel.IsAgentHandled();

    /// <summary>The mean CLV of every k-th active customer, with the normal 95% interval of that mean; null when a model does not fit.</summary>
    private static UncertainInput? ValuePerCustomer(IReadOnlyList<Customer> customers, IReadOnlyList<Purchase> purchases, MeasurementOptions options, Currency currency)
    {
        if (purchases.Count == 0)
        {
            return null;
        }
        var endDate = options.ObservationEnd.InZone(options.TimeZone).Date;
        var summary = RfmSummaryBuilder.Build(purchases, new RfmSummaryOptions(endDate) { TimeZone = options.TimeZone });
        if (!BetaGeometricNbdModel.TryFit(summary.Compress(), out var transactions) || !GammaGammaModel.TryFit(summary, out var spend))
        {
            return null;
        }
        var model = new BgNbdGammaGammaValueModel(transactions.Model, spend.Model, options.Margin);
        // Quarters of 13 weeks keep the valuation of every customer cheap.
        var horizon = new ValuationHorizon(4 * options.ClvYears, ValuationHorizon.RateForPeriod(options.AnnualDiscountRate, 7 * 13)) { PeriodLength = 13 };
        var active = customers.Where(c => c.ChurnedOn is null).Select(c => c.Id).ToHashSet();
        var rows = Enumerable.Range(0, summary.Count).Where(i => active.Contains(summary.CustomerIds[i])).ToList();
        if (rows.Count < 2)
        {
            return null;
        }
        int stride = Math.Max(1, (rows.Count + options.MaxCustomersValued - 1) / options.MaxCustomersValued);
        var picked = rows.Where((_, k) => k % stride == 0).ToArray();
        var sample = RfmSummary.FromColumns(
            picked.Select(i => summary.CustomerIds[i]).ToArray(),
            picked.Select(i => summary.Frequency[i]).ToArray(),
            picked.Select(i => summary.Recency[i]).ToArray(),
            picked.Select(i => summary.Age[i]).ToArray(),
            picked.Select(i => summary.MonetaryValue[i]).ToArray(),
            summary.Period,
            summary.Currency);
        var values = model.CustomerValues(sample, horizon).Select(v => (double)v.Amount).ToArray();
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        double half = Normal.InvCDF(0, 1, 0.975) * sd / Math.Sqrt(values.Length);
        var source = InputSource.Measured(
            string.Create(CultureInfo.InvariantCulture, $"mean {options.ClvYears}-year CLV of {picked.Length:N0} (every {stride}. of {rows.Count:N0}) active customers (BG/NBD x Gamma-Gamma fitted on all purchases, weekly, {options.Margin:P0} margin assumed, {options.AnnualDiscountRate:P0} a year discount)"),
            "mean over customers, normal 95% interval of the mean (the models' parameter uncertainty is not included)", values.Length);
        return UncertainInput.FromInterval("value per customer", $"{summary.Currency} per customer", mean,
            new ConfidenceInterval(Math.Max(0, mean - half), mean + half, 0.95, "normal"), source, summary.Currency, 0);
    }

    /// <summary>The average week of arrivals of the staffed channel in the last year, by local weekday and time of day.</summary>
    private static StaffingProfile Profile(List<Interaction> lastYear, MeasurementOptions options, double ahtSeconds)
    {
        int minutes = (int)options.StaffingInterval.TotalMinutes;
        int perDay = 1440 / minutes;
        var counts = new double[7 * perDay];
        foreach (var i in lastYear)
        {
            if (i.Channel != options.StaffedChannel || i.Direction != Direction.Inbound)
            {
                continue;
            }
            var local = i.ArrivedAt.InZone(options.TimeZone).LocalDateTime;
            int slot = (((int)local.DayOfWeek - 1) * perDay) + (((local.Hour * 60) + local.Minute) / minutes);
            counts[slot]++;
        }
        double weeks = Year.TotalDays / 7;
        for (int s = 0; s < counts.Length; s++)
        {
            counts[s] /= weeks;
        }
        Preconditions.CheckArgument(ahtSeconds > 0, nameof(lastYear), $"The {options.StaffedChannel.ToSchemaName()} contacts of the last year have no handle time.");
        return new StaffingProfile(counts, options.StaffingInterval, Duration.FromMilliseconds(Math.Round(ahtSeconds * 1000)), options.PaidTimePerFteWeek,
            string.Create(CultureInfo.InvariantCulture, $"an average week of {options.StaffedChannel.ToSchemaName()} arrivals in the last 365 days ({counts.Length} intervals of {minutes} min, AHT {ahtSeconds:0} s measured)"));
    }

    /// <summary>Conversions of the last year whose journey has a service contact before its last touch, and their mean value x margin.</summary>
    private static (UncertainInput Assisted, UncertainInput? ValuePerConversion) Assists(
        IReadOnlyList<Touchpoint> touchpoints, IReadOnlyList<Conversion> conversions, IReadOnlyList<Interaction> interactions,
        MeasurementOptions options, Currency currency, Instant start, Instant end)
    {
        var yearConversions = conversions.Where(c => c.OccurredAt >= start && c.OccurredAt < end).ToList();
        var journeys = JourneyBuilder.Build(touchpoints, yearConversions, interactions, new JourneyOptions { Lookback = options.JourneyLookback });
        var paths = JourneyBuilder.Summarize(journeys);
        var (assisted, assistedValue) = AssistMetrics.AssistedByGroup(paths, c => c.StartsWith(JourneyOptions.DefaultServicePrefix, StringComparison.Ordinal));
        var source = InputSource.Measured(
            string.Create(CultureInfo.InvariantCulture, $"conversions in the last 365 days with a service contact before the last touch of their journey ({options.JourneyLookback.TotalDays:0}-day lookback), of {paths.TotalConversions:N0}"),
            "journeys (JourneyBuilder); assist = service touch not last", (long)paths.TotalConversions);
        var assistedInput = UncertainInput.Exact("service-assisted conversions a year", "conversions a year", assisted, source);
        if (assisted <= 0)
        {
            return (assistedInput, null);
        }
        double perConversion = assistedValue / assisted * options.Margin;
        var value = UncertainInput.Exact("margin per assisted conversion", $"{currency} per conversion", perConversion,
            InputSource.Measured(string.Create(CultureInfo.InvariantCulture, $"mean value of the assisted conversions x {options.Margin:P0} margin (assumed)"), "mean", (long)assisted), currency);
        return (assistedInput, value);
    }
}
