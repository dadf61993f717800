using NodaTime;

namespace ContactMetrics.Domain;

/// <summary>
/// The period a contact center's tables cover and the time zone it lives in: every "as of", calibration end and
/// observation end of an analysis derives from this one value, so two figures never disagree on when the data ends.
/// Immutable.
/// </summary>
/// <remarks>
/// <see cref="End"/> is exclusive: it is the as-of instant at which customers still active are censored. The last
/// day with data is the local day before <see cref="End"/> when <see cref="End"/> is a local midnight
/// (<see cref="LastDay"/>). "The last year" is the 365 days before <see cref="End"/>, clipped to the window.
/// </remarks>
public sealed record ObservationWindow
{
    /// <summary>A year as the analysis counts it for yearly figures: 365 days.</summary>
    public static readonly Duration Year = Duration.FromDays(365);

    /// <summary>The window between two <see cref="DateTimeOffset"/> values (the .NET types at a database's or a notebook's boundary).</summary>
    /// <param name="start">The first instant observed.</param>
    /// <param name="end">The end (exclusive); after <paramref name="start"/>.</param>
    /// <param name="timeZone">The zone whose calendar days, weeks and months the figures follow.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public ObservationWindow(DateTimeOffset start, DateTimeOffset end, DateTimeZone timeZone)
        : this(Instant.FromDateTimeOffset(start), Instant.FromDateTimeOffset(end), timeZone)
    {
    }

    /// <summary>Creates a window.</summary>
    /// <param name="start">The first instant observed (inclusive).</param>
    /// <param name="end">The end of observation (exclusive): the as-of instant.</param>
    /// <param name="timeZone">The zone of the contact center: local days, months and intervals follow it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public ObservationWindow(Instant start, Instant end, DateTimeZone timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (end <= start)
        {
            throw new ArgumentException($"The end of observation ({end}) must be after its start ({start}).", nameof(end));
        }
        Start = start;
        End = end;
        TimeZone = timeZone;
    }

    /// <summary>
    /// The window of whole local days from the day of the first event to the day after the last one, in
    /// <paramref name="timeZone"/>; <paramref name="end"/> overrides the end when given.
    /// </summary>
    /// <param name="firstEvent">The earliest event of the tables.</param>
    /// <param name="lastEvent">The latest event of the tables.</param>
    /// <param name="timeZone">The zone of the contact center.</param>
    /// <param name="end">The as-of instant, when the caller knows it (e.g. the date of the export).</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    /// <exception cref="ArgumentException">The end is not after the start.</exception>
    public static ObservationWindow OfDays(Instant firstEvent, Instant lastEvent, DateTimeZone timeZone, Instant? end = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var start = timeZone.AtStartOfDay(firstEvent.InZone(timeZone).Date).ToInstant();
        var after = end ?? timeZone.AtStartOfDay(lastEvent.InZone(timeZone).Date.PlusDays(1)).ToInstant();
        return new ObservationWindow(start, after, timeZone);
    }

    /// <summary>The first instant observed (inclusive).</summary>
    public Instant Start { get; }

    /// <summary>The end of observation (exclusive): the as-of instant of every "still active" and every censoring.</summary>
    public Instant End { get; }

    /// <summary>The zone of the contact center.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>The local day of <see cref="Start"/>.</summary>
    public LocalDate FirstDay => Start.InZone(TimeZone).Date;

    /// <summary>The last local day with data: the day of the last instant before <see cref="End"/>. CLV summaries are calibrated up to and including it.</summary>
    public LocalDate LastDay => (End - Duration.Epsilon).InZone(TimeZone).Date;

    /// <summary>The length of the window.</summary>
    public Duration Length => End - Start;

    /// <summary>The start of the last year: 365 days before <see cref="End"/>, or <see cref="Start"/> when the window is shorter.</summary>
    public Instant LastYearStart => Instant.Max(Start, End - Year);

    /// <summary>The share of a 365-day year that the window covers (1 for a year, 2 for two years); yearly figures divide by it.</summary>
    public double Years => Length / Year;

    /// <summary>Whether <paramref name="instant"/> falls in [<see cref="Start"/>, <see cref="End"/>).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>Whether it is observed.</returns>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary>
    /// The customer as known at the window's end: <see langword="null"/> when acquired after <see cref="LastDay"/> (not yet a
    /// customer then); a churn after <see cref="LastDay"/> not yet known (cleared, so the customer counts as active, censored at
    /// <see cref="End"/>). The one rule every engine applies to customers at an as-of date.
    /// </summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The customer, a copy without the later churn, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public Customer? Known(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var last = LastDay;
        return customer.AcquiredOn > last ? null
            : customer.ChurnedOn > last ? new Customer(customer.Id, customer.AcquiredOn, null, customer.Segment)
            : customer;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd} ({TimeZone.Id}; as of {End})";
}
