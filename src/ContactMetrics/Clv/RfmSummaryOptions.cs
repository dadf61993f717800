using NodaTime;

namespace ContactMetrics.Clv;

/// <summary>How <see cref="RfmSummaryBuilder"/> turns a purchase log into an <see cref="RfmSummary"/>.</summary>
/// <remarks>
/// Time is counted in whole days: a purchase's date is its instant in <see cref="TimeZone"/>, and
/// recency and age are differences of dates divided by the length of <see cref="Period"/>. With the
/// defaults (weeks, same-day purchases merged) and a calibration end of 1997-09-30 this reproduces the
/// CDNOW summary of Fader, Hardie &amp; Lee (2005) from the raw log.
/// </remarks>
public sealed record RfmSummaryOptions
{
    /// <summary>Creates options with the default period (weeks), merging and time zone (UTC).</summary>
    /// <param name="calibrationEnd">The last day of the calibration period (inclusive).</param>
    public RfmSummaryOptions(LocalDate calibrationEnd) => CalibrationEnd = calibrationEnd;

    /// <summary>
    /// The last day of the calibration period, inclusive: a purchase on this day counts, and a
    /// customer's age T is the number of days from the first purchase to this date.
    /// </summary>
    public LocalDate CalibrationEnd { get; init; }

    /// <summary>The unit of recency and age; <see cref="RfmPeriodUnit.Week"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined unit.</exception>
    public RfmPeriodUnit Period
    {
        get;
        init
        {
            _ = value.Days();
            field = value;
        }
    } = RfmPeriodUnit.Week;

    /// <summary>
    /// Whether purchases of one customer on the same date count as one transaction whose amount is
    /// their sum; <see langword="true"/> by default (the CDNOW convention).
    /// </summary>
    public bool MergeSameDayPurchases { get; init; } = true;

    /// <summary>
    /// The last day (inclusive) of an optional holdout period that starts the day after
    /// <see cref="CalibrationEnd"/>; <see langword="null"/> for none. Purchases after it are ignored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is not after <see cref="CalibrationEnd"/>.</exception>
    public LocalDate? HoldoutEnd
    {
        get;
        init
        {
            if (value is { } end && end <= CalibrationEnd)
            {
                throw new ArgumentOutOfRangeException(nameof(HoldoutEnd), end, $"The holdout end must be after the calibration end {CalibrationEnd:yyyy-MM-dd}; was {end:yyyy-MM-dd}.");
            }
            field = value;
        }
    }

    /// <summary>The time zone that turns purchase instants into dates; UTC by default.</summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public DateTimeZone TimeZone
    {
        get;
        init => field = Preconditions.CheckNotNull(value, nameof(TimeZone));
    } = DateTimeZone.Utc;
}
