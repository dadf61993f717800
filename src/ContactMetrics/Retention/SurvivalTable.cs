using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Retention;

/// <summary>
/// Survival data in columns, the sufficient input of <see cref="KaplanMeier"/>, <see cref="LogRankTest"/> and
/// <see cref="CoxProportionalHazards"/>: per subject a follow-up time, whether it ended in the event, and optionally
/// an entry time (counting-process data), an id, a group label, a stratum label and covariates.
/// </summary>
/// <remarks>
/// <para>Right-censored data (<see cref="FromColumns"/>, <see cref="FromCustomers"/>) are R's
/// <c>Surv(time, event)</c>: a subject is at risk at time t while its duration is at least t. Counting-process data
/// (<see cref="FromIntervals"/>) are R's <c>Surv(start, stop, event)</c>: a subject is at risk at t when
/// start &lt; t &lt;= stop, so one subject may contribute several rows with different covariate values (a
/// time-varying covariate), each row ending in an event or not.</para>
/// <para>The table is immutable; the <c>With...</c> methods return a new table with one more column.</para>
/// </remarks>
public sealed class SurvivalTable
{
    private SurvivalTable(
        ImmutableArray<double> starts,
        ImmutableArray<double> durations,
        ImmutableArray<bool> events,
        ImmutableArray<string> ids,
        ImmutableArray<string> groups,
        ImmutableArray<string> strata,
        ImmutableArray<string> covariateNames,
        ImmutableArray<ImmutableArray<double>> covariates)
    {
        Starts = starts;
        Durations = durations;
        Events = events;
        Ids = ids;
        Groups = groups;
        Strata = strata;
        CovariateNames = covariateNames;
        Covariates = covariates;
    }

    /// <summary>The number of rows.</summary>
    public int Count => Durations.Length;

    /// <summary>
    /// The follow-up time of each row: the duration of right-censored data, the stop time of counting-process data.
    /// </summary>
    public ImmutableArray<double> Durations { get; }

    /// <summary>Whether each row's follow-up ended in the event (<see langword="true"/>) or was censored.</summary>
    public ImmutableArray<bool> Events { get; }

    /// <summary>The entry (start) time of each row of counting-process data; empty for right-censored data.</summary>
    public ImmutableArray<double> Starts { get; }

    /// <summary>Whether the rows are (start, stop] intervals (<see cref="FromIntervals"/>).</summary>
    public bool IsCountingProcess => !Starts.IsEmpty;

    /// <summary>The id of each row, used in error messages; empty when none were given.</summary>
    public ImmutableArray<string> Ids { get; }

    /// <summary>The group label of each row (for Kaplan-Meier curves and the log-rank test); empty when none.</summary>
    public ImmutableArray<string> Groups { get; }

    /// <summary>The stratum label of each row (separate baseline hazards in Cox, separate risk sets in log-rank); empty when none.</summary>
    public ImmutableArray<string> Strata { get; }

    /// <summary>The covariate names, in the order of <see cref="Covariates"/>.</summary>
    public ImmutableArray<string> CovariateNames { get; }

    /// <summary>The covariate columns, each of length <see cref="Count"/>.</summary>
    public ImmutableArray<ImmutableArray<double>> Covariates { get; }

    /// <summary>Creates right-censored data from columns (R's <c>Surv(time, event)</c>).</summary>
    /// <param name="durations">The follow-up time of each subject; finite and at least 0.</param>
    /// <param name="events">Whether each subject's follow-up ended in the event; the same length as <paramref name="durations"/>.</param>
    /// <param name="ids">Optional ids, the same length, used in error messages.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or an id is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative, infinite or NaN; the message names the row and its id.</exception>
    public static SurvivalTable FromColumns(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, IReadOnlyList<string>? ids = null)
    {
        CheckLength(events.Length, durations.Length, nameof(events));
        var idColumn = CheckIds(ids, durations.Length);
        for (int i = 0; i < durations.Length; i++)
        {
            if (!(durations[i] >= 0) || double.IsPositiveInfinity(durations[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(durations), durations[i], $"{Row(i, idColumn)}: duration {Format(durations[i])} must be a finite number of at least 0.");
            }
        }
        return new SurvivalTable([], [.. durations], [.. events], idColumn, [], [], [], []);
    }

    /// <summary>
    /// Creates counting-process data from (start, stop] intervals (R's <c>Surv(start, stop, event)</c>): a row is at
    /// risk at time t when start &lt; t &lt;= stop, and <paramref name="events"/> says whether it ends at stop with the event.
    /// </summary>
    /// <param name="starts">The entry time of each row; finite.</param>
    /// <param name="stops">The exit time of each row; finite and greater than its start.</param>
    /// <param name="events">Whether each row ends in the event.</param>
    /// <param name="ids">Optional ids, the same length (a subject split into several rows repeats its id).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or an id is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time is not finite, or a stop is not after its start; the message names the row and its id.</exception>
    public static SurvivalTable FromIntervals(ReadOnlySpan<double> starts, ReadOnlySpan<double> stops, ReadOnlySpan<bool> events, IReadOnlyList<string>? ids = null)
    {
        CheckLength(stops.Length, starts.Length, nameof(stops));
        CheckLength(events.Length, starts.Length, nameof(events));
        var idColumn = CheckIds(ids, starts.Length);
        for (int i = 0; i < starts.Length; i++)
        {
            if (!double.IsFinite(starts[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(starts), starts[i], $"{Row(i, idColumn)}: start {Format(starts[i])} must be a finite number.");
            }
            if (!double.IsFinite(stops[i]) || !(stops[i] > starts[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(stops), stops[i], $"{Row(i, idColumn)}: stop {Format(stops[i])} must be a finite number greater than start {Format(starts[i])}.");
            }
        }
        return new SurvivalTable([.. starts], [.. stops], [.. events], idColumn, [], [], [], []);
    }

    /// <summary>
    /// Creates right-censored data from customers as of a date: the duration is the number of days from
    /// <see cref="Customer.AcquiredOn"/> to <see cref="Customer.ChurnedOn"/> (the event) or, for a customer who has
    /// not churned by <paramref name="asOf"/>, to <paramref name="asOf"/> (censored). A churn after
    /// <paramref name="asOf"/> is not yet known, so that customer is censored at <paramref name="asOf"/>.
    /// </summary>
    /// <param name="customers">The customers; the ids become <see cref="Ids"/>.</param>
    /// <param name="asOf">The as-of date: the end of follow-up (a customer churning on that day counts as an event).</param>
    /// <param name="groupOf">Optional group label of each customer (e.g. <c>c =&gt; c.Segment ?? "none"</c>); must not be null or blank.</param>
    /// <returns>The table, in the order of <paramref name="customers"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or one of its elements is null.</exception>
    /// <exception cref="InvalidRecordException">A customer was acquired after <paramref name="asOf"/>, or its group label is null or blank; the message names the customer.</exception>
    public static SurvivalTable FromCustomers(IEnumerable<Customer> customers, LocalDate asOf, Func<Customer, string>? groupOf = null)
    {
        Preconditions.CheckNotNull(customers);
        var durations = new List<double>();
        var events = new List<bool>();
        var ids = new List<string>();
        var groups = groupOf is null ? null : new List<string>();
        foreach (var customer in customers)
        {
            Preconditions.CheckNotNull(customer, nameof(customers));
            string id = customer.Id.Value;
            if (customer.AcquiredOn > asOf)
            {
                throw new InvalidRecordException("customer", id, "acquired_on", Text(customer.AcquiredOn), $"is after the as-of date {Text(asOf)}: the duration would be negative", nameof(customers));
            }
            bool churned = customer.ChurnedOn is LocalDate c && c <= asOf;
            var end = churned ? customer.ChurnedOn!.Value : asOf;
            durations.Add(Period.DaysBetween(customer.AcquiredOn, end));
            events.Add(churned);
            ids.Add(id);
            if (groups is not null)
            {
                string? label = groupOf!(customer);
                if (string.IsNullOrWhiteSpace(label))
                {
                    throw new InvalidRecordException("customer", id, "group", label, "is null or blank: every customer needs a group label", nameof(groupOf));
                }
                groups.Add(label);
            }
        }
        return new SurvivalTable([], [.. durations], [.. events], [.. ids], groups is null ? [] : [.. groups], [], [], []);
    }

    /// <summary>Returns the table with a group label per row (Kaplan-Meier curves and the log-rank test are per group).</summary>
    /// <param name="groups">One non-blank label per row.</param>
    /// <returns>A new table.</returns>
    /// <exception cref="ArgumentException">The length differs from <see cref="Count"/>, or a label is null or blank.</exception>
    public SurvivalTable WithGroups(IReadOnlyList<string> groups) =>
        new(Starts, Durations, Events, Ids, CheckLabels(groups, nameof(groups)), Strata, CovariateNames, Covariates);

    /// <summary>Returns the table with a stratum label per row (Cox: a baseline hazard per stratum; log-rank: risk sets within strata).</summary>
    /// <param name="strata">One non-blank label per row.</param>
    /// <returns>A new table.</returns>
    /// <exception cref="ArgumentException">The length differs from <see cref="Count"/>, or a label is null or blank.</exception>
    public SurvivalTable WithStrata(IReadOnlyList<string> strata) =>
        new(Starts, Durations, Events, Ids, Groups, CheckLabels(strata, nameof(strata)), CovariateNames, Covariates);

    /// <summary>Returns the table with one more covariate column.</summary>
    /// <param name="name">The covariate's name; not blank and not already used.</param>
    /// <param name="values">One finite value per row.</param>
    /// <returns>A new table.</returns>
    /// <exception cref="ArgumentException">The name is blank or taken, or the length differs from <see cref="Count"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite; the message names the covariate, the row and its id.</exception>
    public SurvivalTable WithCovariate(string name, ReadOnlySpan<double> values)
    {
        Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(name), nameof(name), "A covariate needs a non-blank name.");
        Preconditions.CheckArgument(!CovariateNames.Contains(name), nameof(name), $"There is already a covariate named '{name}'.");
        CheckLength(values.Length, Count, nameof(values));
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"{Row(i, Ids)}: covariate '{name}' is {Format(values[i])}; covariates must be finite (drop or impute missing values first).");
            }
        }
        return new(Starts, Durations, Events, Ids, Groups, Strata, CovariateNames.Add(name), Covariates.Add([.. values]));
    }

    /// <summary>Returns the table without the covariates named <paramref name="names"/> (the others in their order).</summary>
    internal SurvivalTable WithoutCovariates(IReadOnlyList<string> names)
    {
        var keep = Enumerable.Range(0, CovariateNames.Length).Where(k => !names.Contains(CovariateNames[k])).ToList();
        return new(Starts, Durations, Events, Ids, Groups, Strata, [.. keep.Select(k => CovariateNames[k])], [.. keep.Select(k => Covariates[k])]);
    }

    /// <summary>
    /// Returns counting-process data with a time-varying 0/1 covariate that switches on at a time per row (e.g. "has had
    /// an unresolved contact", on from the end of the first one): a row (start, stop] with switch time s is kept whole
    /// with the covariate 1 when s &lt;= start and 0 when s &gt;= stop, and otherwise split into (start, s] with 0 and no
    /// event and (s, stop] with 1 and the row's event. Right-censored rows start at 0. Ids, groups, strata and the other
    /// covariates are repeated on both pieces.
    /// </summary>
    /// <remarks>
    /// This is how an exposure that starts during follow-up enters a Cox model without immortal-time bias (Therneau,
    /// Crowson &amp; Atkinson, "Using time dependent covariates and time dependent coefficients in the Cox model", survival
    /// package vignette): classifying a subject as exposed from time 0 credits the exposed group with the event-free time
    /// before the exposure.
    /// </remarks>
    /// <param name="name">The covariate's name; not blank and not already used.</param>
    /// <param name="switchTimes">When each row's covariate switches to 1; <see cref="double.PositiveInfinity"/> for never.</param>
    /// <returns>A new counting-process table, the pieces of each row in place of the row.</returns>
    /// <exception cref="ArgumentException">The name is blank or taken, the length differs from <see cref="Count"/>, or a right-censored row has duration 0 (an interval needs stop &gt; start).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A switch time is NaN or negative infinity.</exception>
    public SurvivalTable WithTimeVaryingIndicator(string name, ReadOnlySpan<double> switchTimes)
    {
        Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(name), nameof(name), "A covariate needs a non-blank name.");
        Preconditions.CheckArgument(!CovariateNames.Contains(name), nameof(name), $"There is already a covariate named '{name}'.");
        CheckLength(switchTimes.Length, Count, nameof(switchTimes));
        var source = new List<int>(Count);
        var starts = new List<double>(Count);
        var stops = new List<double>(Count);
        var events = new List<bool>(Count);
        var indicator = new List<double>(Count);
        for (int i = 0; i < Count; i++)
        {
            double s = switchTimes[i];
            if (double.IsNaN(s) || double.IsNegativeInfinity(s))
            {
                throw new ArgumentOutOfRangeException(nameof(switchTimes), s, $"{Row(i, Ids)}: the switch time must be a number or +infinity (never).");
            }
            double start = IsCountingProcess ? Starts[i] : 0;
            double stop = Durations[i];
            Preconditions.CheckArgument(stop > start, nameof(switchTimes), $"{Row(i, Ids)}: duration {Format(stop)} leaves no interval (0, duration]; shift durations of 0 to a small positive time first.");
            if (s > start && s < stop)
            {
                AddPiece(i, start, s, false, 0);
                AddPiece(i, s, stop, Events[i], 1);
            }
            else
            {
                AddPiece(i, start, stop, Events[i], s <= start ? 1 : 0);
            }
        }
        ImmutableArray<string> Pick(ImmutableArray<string> column) => column.IsEmpty ? [] : [.. source.Select(i => column[i])];
        return new SurvivalTable(
            [.. starts],
            [.. stops],
            [.. events],
            Pick(Ids),
            Pick(Groups),
            Pick(Strata),
            CovariateNames.Add(name),
            [.. Covariates.Select(column => source.Select(i => column[i]).ToImmutableArray()), [.. indicator]]);

        void AddPiece(int row, double start, double stop, bool happened, double value)
        {
            source.Add(row);
            starts.Add(start);
            stops.Add(stop);
            events.Add(happened);
            indicator.Add(value);
        }
    }

    private ImmutableArray<string> CheckLabels(IReadOnlyList<string> labels, string paramName)
    {
        Preconditions.CheckNotNull(labels, paramName);
        CheckLength(labels.Count, Count, paramName);
        var builder = ImmutableArray.CreateBuilder<string>(labels.Count);
        for (int i = 0; i < labels.Count; i++)
        {
            Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(labels[i]), paramName, $"{Row(i, Ids)}: the label is null or blank.");
            builder.Add(labels[i]);
        }
        return builder.MoveToImmutable();
    }

    private static ImmutableArray<string> CheckIds(IReadOnlyList<string>? ids, int count)
    {
        if (ids is null)
        {
            return [];
        }
        CheckLength(ids.Count, count, nameof(ids));
        for (int i = 0; i < ids.Count; i++)
        {
            Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(ids[i]), nameof(ids), $"Row {i}: the id is null or blank.");
        }
        return [.. ids];
    }

    private static void CheckLength(int actual, int expected, string paramName) =>
        Preconditions.CheckArgument(actual == expected, paramName, $"Every column needs one value per row: {paramName} has {actual}, the table {expected}.");

    private static string Row(int index, ImmutableArray<string> ids) =>
        ids.IsDefaultOrEmpty ? $"Row {index}" : $"Row {index} (id '{ids[index]}')";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
