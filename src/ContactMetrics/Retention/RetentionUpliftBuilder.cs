using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Retention;

/// <summary>How customers are split into a reference (favourable) and an exposed (adverse) group by a contact.</summary>
public enum UpliftGrouping
{
    /// <summary>First contact with a known outcome resolved (reference) or not (exposed); see <see cref="RetentionUpliftOptions.Resolution"/>.</summary>
    FirstContactResolution = 0,

    /// <summary>First surveyed contact rated top-box (reference) or not (exposed); see <see cref="RetentionUpliftOptions.CsatTopBoxMinimum"/>.</summary>
    Csat = 1,

    /// <summary>First inbound contact served by a person (reference) or by self-service, chatbot or IVR (exposed).</summary>
    Channel = 2,

    /// <summary>First contact outbound, i.e. proactive (reference), or inbound, the control (exposed).</summary>
    Proactive = 3,

    /// <summary>First contact with a CES answer rated easy (reference) or not (exposed); see <see cref="RetentionUpliftOptions.CesEasyMinimum"/>.</summary>
    Effort = 4,
}

/// <summary>Where the resolution of a contact comes from.</summary>
public enum ResolutionSource
{
    /// <summary>The interaction's <see cref="Interaction.Resolved"/> flag; contacts without it do not qualify.</summary>
    ResolvedFlag = 0,

    /// <summary>
    /// Repeat detection: an answered inbound contact with a reason is unresolved when the customer contacts again (inbound)
    /// on the same reason within <see cref="RetentionUpliftOptions.RepeatWindow"/> of its end; outbound calls neither start
    /// nor repeat an issue, as in FCR. Unlike the FCR KPI's repeat rule, the window runs from the contact's end (not its
    /// arrival) and a contact on any inbound channel counts (not only agent channels); the SQL survival table follows
    /// this rule too. The index time is then the end of the window, when the group is known.
    /// </summary>
    RepeatContact = 1,
}

/// <summary>Options of <see cref="RetentionUpliftBuilder"/>.</summary>
public sealed record RetentionUpliftOptions
{
    /// <summary>The defaults: resolved flag, 7-day repeat window, CSAT top-box 5, segment strata and tenure adjustment.</summary>
    public static RetentionUpliftOptions Default { get; } = new();

    /// <summary>Where first-contact resolution comes from; <see cref="ResolutionSource.ResolvedFlag"/> by default.</summary>
    public ResolutionSource Resolution { get; init; } = ResolutionSource.ResolvedFlag;

    /// <summary>The repeat window for <see cref="ResolutionSource.RepeatContact"/>; 7 days by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public Duration RepeatWindow
    {
        get;
        init => field = value > Duration.Zero ? value : throw new ArgumentOutOfRangeException(nameof(RepeatWindow), value, "The repeat window must be positive.");
    } = Duration.FromDays(7);

    /// <summary>The lowest CSAT (1-5) counted as top-box; 5 by default (4 gives top-two-box).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1-5.</exception>
    public int CsatTopBoxMinimum
    {
        get;
        init => field = Preconditions.CheckInRange(value, SurveyResponse.CsatMin, SurveyResponse.CsatMax, nameof(CsatTopBoxMinimum));
    } = SurveyResponse.CsatMax;

    /// <summary>The lowest CES 2.0 answer (1-7, higher is easier) counted as easy; 5 by default ("somewhat agree" that it was easy, or more).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1-7.</exception>
    public int CesEasyMinimum
    {
        get;
        init => field = Preconditions.CheckInRange(value, SurveyResponse.CesMin, SurveyResponse.CesMax, nameof(CesEasyMinimum));
    } = 5;

    /// <summary>Whether the Cox model is stratified by customer segment (when there is more than one); true by default.</summary>
    public bool StratifyBySegment { get; init; } = true;

    /// <summary>Whether the Cox model adjusts for tenure at the index contact (years since acquisition); true by default.</summary>
    public bool AdjustForTenure { get; init; } = true;

    /// <summary>The Cox model's options, including the confidence level of every interval; <see cref="CoxOptions.Default"/> by default.</summary>
    public CoxOptions Cox { get; init => field = value ?? throw new ArgumentNullException(nameof(Cox)); } = CoxOptions.Default;
}

/// <summary>
/// Builds an index-date survival table from customers and interactions and compares retention between the groups a
/// contact puts customers in (<see cref="UpliftGrouping"/>).
/// </summary>
/// <remarks>
/// Landmark (index-date) design: each customer's group is fixed by their first qualifying contact, and follow-up starts
/// at that contact's end (for repeat detection, at the end of the repeat window, when the group is known), in days.
/// Customers churned before the index time are excluded, so nobody is credited with survival before they qualified
/// (no immortal-time bias; Suissa, "Immortal time bias in pharmacoepidemiology", Am J Epidemiol 167(4), 2008; Anderson,
/// Cain &amp; Gelber, "Analysis of survival by tumor response", J Clin Oncol 1(11), 1983, for the landmark method). A churn
/// date is taken at 12:00 UTC of that day; customers are censored at the observation end.
/// <para>The contacts are read from an <see cref="InteractionTable"/>; the overloads that take records build one from them
/// (so their times count to the millisecond, as the table keeps them).</para>
/// </remarks>
[SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "Each pair of overloads differs in the interactions' type (an InteractionTable or records), so no call can be ambiguous.")]
public static class RetentionUpliftBuilder
{
    /// <summary>The name of the tenure covariate in the survival table (years from acquisition to the index time).</summary>
    public const string TenureCovariate = "tenureYears";

    /// <summary>The group labels of a grouping: (reference, exposed).</summary>
    /// <param name="grouping">The grouping.</param>
    /// <returns>The labels, e.g. ("resolved", "unresolved").</returns>
    public static (string Reference, string Exposed) Labels(UpliftGrouping grouping) => grouping switch
    {
        UpliftGrouping.FirstContactResolution => ("resolved", "unresolved"),
        UpliftGrouping.Csat => ("top-box", "not-top-box"),
        UpliftGrouping.Channel => ("person", "self-service"),
        UpliftGrouping.Proactive => ("proactive", "control"),
        UpliftGrouping.Effort => ("easy", "not-easy"),
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown grouping."),
    };

    /// <summary>The survival table of the index-date design: one row per included customer, time in days from the index time.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">Their interactions; contacts without a customer id or of unknown customers are ignored.</param>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="observationEnd">The end of observation: customers still active are censored here; contacts after it are ignored.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>The table with ids, groups, strata by segment (when asked and there is more than one), and the covariate <c>tenureYears</c> (when asked), plus the counts of excluded customers.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidRecordException">A contact does not fit an <see cref="InteractionTable"/> (a duration over 24 days).</exception>
    public static IndexDateTable BuildTable(IEnumerable<Customer> customers, IEnumerable<Interaction> interactions, UpliftGrouping grouping, Instant observationEnd, RetentionUpliftOptions? options = null) =>
        BuildTable(customers, InteractionTable.Create(Preconditions.CheckNotNull(interactions)), grouping, observationEnd, options);

    /// <summary>The survival table of the index-date design: one row per included customer, time in days from the index time.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">Their interactions, by column; contacts without a customer id or of other customers are ignored.</param>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="observationEnd">The end of observation: customers still active are censored here; contacts after it are ignored.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>The table with ids, groups, strata by segment (when asked and there is more than one), and the covariate <c>tenureYears</c> (when asked), plus the counts of excluded customers.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IndexDateTable BuildTable(IEnumerable<Customer> customers, InteractionTable interactions, UpliftGrouping grouping, Instant observationEnd, RetentionUpliftOptions? options = null)
    {
        Preconditions.CheckNotNull(customers);
        Preconditions.CheckNotNull(interactions);
        options ??= RetentionUpliftOptions.Default;
        _ = Labels(grouping);
        var contacts = interactions.ContactsByCustomer();
        return FromIndexContacts(grouping, customers.Select(customer =>
        {
            var rows = contacts.Before(customer.Id, observationEnd);
            return (customer, !rows.IsEmpty && Index(interactions, rows, grouping, options) is (Instant index, bool favourable)
                ? new IndexContact(index, favourable) : (IndexContact?)null);
        }), observationEnd, options);
    }

    /// <summary>
    /// The index-date table from each customer's index contact, however it was found (in memory by <see cref="BuildTable(IEnumerable{Customer}, InteractionTable, UpliftGrouping, Instant, RetentionUpliftOptions?)"/>,
    /// or by a SQL engine): customers without one, or with one at or after the observation end, are left out; so are those
    /// churned (at 12:00 UTC of the churn date) at or before it. Follow-up runs from the index time to churn or the end.
    /// </summary>
    /// <param name="grouping">The grouping the index contacts were found for.</param>
    /// <param name="customers">Each customer with its index contact, or <see langword="null"/> when none qualified.</param>
    /// <param name="observationEnd">The end of observation.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>The table, as <see cref="BuildTable(IEnumerable{Customer}, InteractionTable, UpliftGrouping, Instant, RetentionUpliftOptions?)"/> returns it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    public static IndexDateTable FromIndexContacts(UpliftGrouping grouping, IEnumerable<(Customer Customer, IndexContact? Index)> customers, Instant observationEnd, RetentionUpliftOptions? options = null)
    {
        Preconditions.CheckNotNull(customers);
        var (referenceLabel, exposedLabel) = Labels(grouping);
        var ids = new List<string>();
        var durations = new List<double>();
        var events = new List<bool>();
        var groups = new List<string>();
        var segments = new List<string>();
        var tenure = new List<double>();
        int noContact = 0, churnedBefore = 0;
        foreach (var (customer, indexContact) in customers)
        {
            if (indexContact is null || indexContact.Value.At >= observationEnd)
            {
                noContact++;
                continue;
            }
            var (index, favourable) = indexContact.Value;
            Instant? churn = customer.ChurnedOn is LocalDate d ? d.At(new LocalTime(12, 0)).InUtc().ToInstant() : null;
            if (churn is Instant c && c <= index)
            {
                churnedBefore++;
                continue;
            }
            bool churned = churn is Instant ch && ch <= observationEnd;
            var end = churned ? churn!.Value : observationEnd;
            ids.Add(customer.Id.Value);
            durations.Add((end - index).TotalDays);
            events.Add(churned);
            groups.Add(favourable ? referenceLabel : exposedLabel);
            segments.Add(customer.Segment ?? "(none)");
            tenure.Add(Math.Max(0, (index - customer.AcquiredOn.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()).TotalDays / 365.25));
        }
        return FromRows(grouping, ids, [.. durations], [.. events], groups, segments, [.. tenure], noContact, churnedBefore, options);
    }

    /// <summary>
    /// The index-date table from its rows (a survival table file, or rows merged from partitions): segments become strata
    /// when <see cref="RetentionUpliftOptions.StratifyBySegment"/> and there is more than one; tenure a covariate when
    /// <see cref="RetentionUpliftOptions.AdjustForTenure"/>.
    /// </summary>
    /// <param name="grouping">The grouping; every group label must be one of its two.</param>
    /// <param name="ids">The customer of each row.</param>
    /// <param name="durations">Days from the index time to churn or censoring.</param>
    /// <param name="events">Whether the customer churned.</param>
    /// <param name="groups">The group label of each row.</param>
    /// <param name="segments">The segment of each row (<c>(none)</c> for none).</param>
    /// <param name="tenureYears">Years from acquisition to the index time.</param>
    /// <param name="customersWithoutQualifyingContact">Customers left out for want of a qualifying contact.</param>
    /// <param name="customersChurnedBeforeIndex">Customers left out because they churned before their index time.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, or a label is not one of the grouping's.</exception>
    public static IndexDateTable FromRows(UpliftGrouping grouping, IReadOnlyList<string> ids, ReadOnlySpan<double> durations, ReadOnlySpan<bool> events,
        IReadOnlyList<string> groups, IReadOnlyList<string> segments, ReadOnlySpan<double> tenureYears,
        int customersWithoutQualifyingContact, int customersChurnedBeforeIndex, RetentionUpliftOptions? options = null)
    {
        Preconditions.CheckNotNull(groups);
        Preconditions.CheckNotNull(segments);
        options ??= RetentionUpliftOptions.Default;
        var (referenceLabel, exposedLabel) = Labels(grouping);
        foreach (string g in groups)
        {
            Preconditions.CheckArgument(g == referenceLabel || g == exposedLabel, nameof(groups), $"The group '{g}' is not one of {grouping}'s: '{referenceLabel}' or '{exposedLabel}'.");
        }
        var table = SurvivalTable.FromColumns(durations, events, ids).WithGroups(groups);
        if (options.StratifyBySegment && segments.Distinct().Skip(1).Any())
        {
            table = table.WithStrata(segments);
        }
        if (options.AdjustForTenure && ids.Count > 0)
        {
            table = table.WithCovariate(TenureCovariate, tenureYears);
        }
        return new IndexDateTable(grouping, referenceLabel, exposedLabel, table, customersWithoutQualifyingContact, customersChurnedBeforeIndex);
    }

    /// <summary>
    /// Compares retention at <paramref name="horizon"/> between the groups of <paramref name="grouping"/> with the
    /// index-date design (<see cref="BuildTable(IEnumerable{Customer}, InteractionTable, UpliftGrouping, Instant, RetentionUpliftOptions?)"/>, then <see cref="RetentionUplift.Compare"/>).
    /// </summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">Their interactions.</param>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="horizon">How long after the index time retention is read (e.g. 365 days); positive.</param>
    /// <param name="observationEnd">The end of observation.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>The index-date table and the comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A group has no customers (the message names it; the parameter name is <c>reference</c>, <c>exposed</c>, or <c>customers</c> when both are empty). <see cref="TryEstimate(IEnumerable{Customer}, InteractionTable, UpliftGrouping, Duration, Instant, out RetentionUpliftResult?, out NotEnoughRetentionData?, RetentionUpliftOptions?)"/> returns that as a reason instead.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is not positive.</exception>
    /// <exception cref="InvalidRecordException">A contact does not fit an <see cref="InteractionTable"/> (a duration over 24 days), as in <see cref="BuildTable(IEnumerable{Customer}, IEnumerable{Interaction}, UpliftGrouping, Instant, RetentionUpliftOptions?)"/>.</exception>
    public static RetentionUpliftResult Estimate(IEnumerable<Customer> customers, IEnumerable<Interaction> interactions, UpliftGrouping grouping, Duration horizon, Instant observationEnd, RetentionUpliftOptions? options = null)
    {
        CheckHorizon(horizon);
        return Estimate(customers, InteractionTable.Create(Preconditions.CheckNotNull(interactions)), grouping, horizon, observationEnd, options);
    }

    /// <summary><see cref="Estimate(IEnumerable{Customer}, IEnumerable{Interaction}, UpliftGrouping, Duration, Instant, RetentionUpliftOptions?)"/> on the contacts by column.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">Their interactions, by column.</param>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="horizon">How long after the index time retention is read (e.g. 365 days); positive.</param>
    /// <param name="observationEnd">The end of observation.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>The index-date table and the comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A group has no customers, as for the records overload.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is not positive.</exception>
    public static RetentionUpliftResult Estimate(IEnumerable<Customer> customers, InteractionTable interactions, UpliftGrouping grouping, Duration horizon, Instant observationEnd, RetentionUpliftOptions? options = null)
    {
        var (result, notEnoughData) = Attempt(customers, interactions, grouping, horizon, observationEnd, options);
        return result ?? throw new ArgumentException(notEnoughData!.Reason, notEnoughData.ParameterName);
    }

    /// <summary>
    /// <see cref="Estimate(IEnumerable{Customer}, InteractionTable, UpliftGrouping, Duration, Instant, RetentionUpliftOptions?)"/> for data that may not support a comparison: when a group has no customers the result is
    /// the reason, not an exception, so a report or a business case can show the gap without parsing exception text.
    /// </summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">Their interactions.</param>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="horizon">How long after the index time retention is read (e.g. 365 days); positive.</param>
    /// <param name="observationEnd">The end of observation.</param>
    /// <param name="result">The index-date table and the comparison, when the result is <see langword="true"/>.</param>
    /// <param name="notEnoughData">Why there is no comparison (which group is empty, and how many customers were left out and why), when the result is <see langword="false"/>.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>Whether both groups have customers, so that the comparison exists.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is not positive.</exception>
    /// <exception cref="InvalidRecordException">A contact does not fit an <see cref="InteractionTable"/> (a duration over 24 days), as in <see cref="BuildTable(IEnumerable{Customer}, IEnumerable{Interaction}, UpliftGrouping, Instant, RetentionUpliftOptions?)"/>.</exception>
    public static bool TryEstimate(
        IEnumerable<Customer> customers,
        IEnumerable<Interaction> interactions,
        UpliftGrouping grouping,
        Duration horizon,
        Instant observationEnd,
        [NotNullWhen(true)] out RetentionUpliftResult? result,
        [NotNullWhen(false)] out NotEnoughRetentionData? notEnoughData,
        RetentionUpliftOptions? options = null)
    {
        CheckHorizon(horizon);
        return TryEstimate(customers, InteractionTable.Create(Preconditions.CheckNotNull(interactions)), grouping, horizon, observationEnd, out result, out notEnoughData, options);
    }

    /// <summary>
    /// <see cref="TryEstimate(IEnumerable{Customer}, IEnumerable{Interaction}, UpliftGrouping, Duration, Instant, out RetentionUpliftResult?, out NotEnoughRetentionData?, RetentionUpliftOptions?)"/>
    /// on the contacts by column.
    /// </summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">Their interactions, by column.</param>
    /// <param name="grouping">How a contact groups customers.</param>
    /// <param name="horizon">How long after the index time retention is read (e.g. 365 days); positive.</param>
    /// <param name="observationEnd">The end of observation.</param>
    /// <param name="result">The index-date table and the comparison, when the result is <see langword="true"/>.</param>
    /// <param name="notEnoughData">Why there is no comparison, when the result is <see langword="false"/>.</param>
    /// <param name="options">Options; <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>Whether both groups have customers, so that the comparison exists.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is not positive.</exception>
    public static bool TryEstimate(
        IEnumerable<Customer> customers,
        InteractionTable interactions,
        UpliftGrouping grouping,
        Duration horizon,
        Instant observationEnd,
        [NotNullWhen(true)] out RetentionUpliftResult? result,
        [NotNullWhen(false)] out NotEnoughRetentionData? notEnoughData,
        RetentionUpliftOptions? options = null)
    {
        (result, notEnoughData) = Attempt(customers, interactions, grouping, horizon, observationEnd, options);
        return result is not null;
    }

    /// <summary>
    /// <see cref="TryEstimate(IEnumerable{Customer}, InteractionTable, UpliftGrouping, Duration, Instant, out RetentionUpliftResult?, out NotEnoughRetentionData?, RetentionUpliftOptions?)"/> on an index-date table already built (by <see cref="BuildTable(IEnumerable{Customer}, InteractionTable, UpliftGrouping, Instant, RetentionUpliftOptions?)"/>, a SQL engine, or read
    /// from a survival table file): the same comparison, the same reasons when a group is empty.
    /// </summary>
    /// <param name="built">The index-date table.</param>
    /// <param name="horizon">How long after the index time retention is read; positive.</param>
    /// <param name="result">The comparison, when the result is <see langword="true"/>.</param>
    /// <param name="notEnoughData">Why there is none, when the result is <see langword="false"/>.</param>
    /// <param name="options">Options (the Cox options are used here); <see cref="RetentionUpliftOptions.Default"/> when null.</param>
    /// <returns>Whether both groups have customers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="built"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is not positive.</exception>
    public static bool TryCompare(IndexDateTable built, Duration horizon, [NotNullWhen(true)] out RetentionUpliftResult? result,
        [NotNullWhen(false)] out NotEnoughRetentionData? notEnoughData, RetentionUpliftOptions? options = null)
    {
        Preconditions.CheckNotNull(built);
        (result, notEnoughData) = Compare(built, horizon, options ?? RetentionUpliftOptions.Default);
        return result is not null;
    }

    private static (RetentionUpliftResult? Result, NotEnoughRetentionData? NotEnoughData) Attempt(
        IEnumerable<Customer> customers, InteractionTable interactions, UpliftGrouping grouping, Duration horizon, Instant observationEnd, RetentionUpliftOptions? options)
    {
        CheckHorizon(horizon);
        options ??= RetentionUpliftOptions.Default;
        return Compare(BuildTable(customers, interactions, grouping, observationEnd, options), horizon, options);
    }

    private static void CheckHorizon(Duration horizon)
    {
        if (horizon <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be positive.");
        }
    }

    private static (RetentionUpliftResult? Result, NotEnoughRetentionData? NotEnoughData) Compare(IndexDateTable built, Duration horizon, RetentionUpliftOptions options)
    {
        CheckHorizon(horizon);
        int reference = built.Table.Groups.Count(g => g == built.ReferenceGroup);
        int exposed = built.Table.Count - reference;
        string excluded = string.Create(CultureInfo.InvariantCulture,
            $"{built.CustomersWithoutQualifyingContact} customers without a qualifying contact, {built.CustomersChurnedBeforeIndex} churned before their index contact");
        if (reference == 0 || exposed == 0)
        {
            var (reason, parameter) = (reference, exposed) switch
            {
                (0, 0) => ($"No customer has a qualifying contact before the observation end: groups '{built.ReferenceGroup}' and '{built.ExposedGroup}' have no customers ({excluded}).", "customers"),
                (0, _) => (string.Create(CultureInfo.InvariantCulture, $"Group '{built.ReferenceGroup}' has no customers ({exposed} in '{built.ExposedGroup}'; {excluded})."), "reference"),
                _ => (string.Create(CultureInfo.InvariantCulture, $"Group '{built.ExposedGroup}' has no customers ({reference} in '{built.ReferenceGroup}'; {excluded})."), "exposed"),
            };
            return (null, new NotEnoughRetentionData(reason, parameter, built));
        }
        var comparison = RetentionUplift.Compare(built.Table, built.ReferenceGroup, built.ExposedGroup, horizon.TotalDays, options.Cox);
        return (new RetentionUpliftResult(built, comparison), null);
    }

    private static (Instant Index, bool Favourable)? Index(InteractionTable t, ReadOnlySpan<int> contacts, UpliftGrouping grouping, RetentionUpliftOptions options)
    {
        const byte inbound = (byte)Direction.Inbound;
        switch (grouping)
        {
            case UpliftGrouping.FirstContactResolution when options.Resolution == ResolutionSource.ResolvedFlag:
                foreach (int i in contacts)
                {
                    if (t.Resolved[i] != InteractionTable.Missing)
                    {
                        return (t.EndedAt(i), t.Resolved[i] == 1);
                    }
                }
                return null;
            case UpliftGrouping.FirstContactResolution:
                for (int k = 0; k < contacts.Length; k++)
                {
                    int i = contacts[k];
                    // Inbound only, as FCR's issues and repeats (docs/kpis.md): an outbound call is not the customer's contact.
                    // The window runs from the contact's end and any inbound channel repeats (ResolutionSource.RepeatContact).
                    if (!t.Answered[i] || t.Reason[i] < 0 || t.Direction[i] != inbound)
                    {
                        continue;
                    }
                    var windowEnd = t.EndedAt(i) + options.RepeatWindow;
                    bool repeat = false;
                    for (int m = k + 1; m < contacts.Length && t.ArrivedAt(contacts[m]) <= windowEnd; m++)
                    {
                        int r = contacts[m];
                        repeat |= t.Reason[r] == t.Reason[i] && t.ArrivedMs[r] > t.ArrivedMs[i] && t.Direction[r] == inbound;
                    }
                    return (windowEnd, !repeat);
                }
                return null;
            case UpliftGrouping.Csat:
                foreach (int i in contacts)
                {
                    if (t.Csat[i] != InteractionTable.Missing)
                    {
                        return (t.EndedAt(i), t.Csat[i] >= options.CsatTopBoxMinimum);
                    }
                }
                return null;
            case UpliftGrouping.Effort:
                foreach (int i in contacts)
                {
                    if (t.Ces[i] != InteractionTable.Missing)
                    {
                        return (t.EndedAt(i), t.Ces[i] >= options.CesEasyMinimum);
                    }
                }
                return null;
            case UpliftGrouping.Channel:
                foreach (int i in contacts)
                {
                    if (t.Direction[i] == inbound)
                    {
                        return (t.EndedAt(i), ((Channel)t.Channel[i]).IsAgentHandled());
                    }
                }
                return null;
            case UpliftGrouping.Proactive:
                return (t.EndedAt(contacts[0]), t.Direction[contacts[0]] == (byte)Direction.Outbound);
            default:
                throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown grouping.");
        }
    }
}

/// <summary>A customer's index contact: when follow-up starts, and whether the contact put the customer in the reference (favourable) group.</summary>
/// <param name="At">The index time (the contact's end; for repeat detection, the end of the repeat window).</param>
/// <param name="Favourable">Whether the customer is in the reference group.</param>
public readonly record struct IndexContact(Instant At, bool Favourable);

/// <summary>The index-date survival table and who was left out.</summary>
/// <param name="Grouping">The grouping.</param>
/// <param name="ReferenceGroup">The favourable group's label.</param>
/// <param name="ExposedGroup">The adverse group's label.</param>
/// <param name="Table">One row per included customer: days from the index time to churn or censoring.</param>
/// <param name="CustomersWithoutQualifyingContact">Customers left out because no contact qualified before the observation end.</param>
/// <param name="CustomersChurnedBeforeIndex">Customers left out because they churned before their index time.</param>
public sealed record IndexDateTable(UpliftGrouping Grouping, string ReferenceGroup, string ExposedGroup, SurvivalTable Table, int CustomersWithoutQualifyingContact, int CustomersChurnedBeforeIndex);

/// <summary>Why a retention uplift could not be estimated: a group of the grouping has no customers.</summary>
/// <param name="Reason">The reason in one sentence, naming the empty group and the customers left out.</param>
/// <param name="ParameterName">The argument <see cref="RetentionUpliftBuilder.Estimate(IEnumerable{Customer}, InteractionTable, UpliftGrouping, Duration, Instant, RetentionUpliftOptions?)"/> names when it throws instead: <c>reference</c>, <c>exposed</c>, or <c>customers</c> when both groups are empty.</param>
/// <param name="Data">The index-date table as far as it was built, with the counts of excluded customers.</param>
public sealed record NotEnoughRetentionData(string Reason, string ParameterName, IndexDateTable Data);

/// <summary>The retention uplift of a grouping: the index-date table and the comparison at the horizon.</summary>
/// <param name="Data">The index-date table and the exclusions.</param>
/// <param name="Comparison">Retention per group, the difference and the adjusted hazard ratio.</param>
public sealed record RetentionUpliftResult(IndexDateTable Data, RetentionComparison Comparison);
