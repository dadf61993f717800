namespace ContactMetrics.Clv;

/// <summary>
/// The unit in which an RFM summary measures recency and age, and in which the models fitted to it
/// measure time (a BG/NBD fitted on weeks predicts per week).
/// </summary>
public enum RfmPeriodUnit
{
    /// <summary>One calendar day.</summary>
    Day = 0,

    /// <summary>Seven days, as in the CDNOW analyses of Fader, Hardie &amp; Lee (2005).</summary>
    Week = 1,

    /// <summary>
    /// An average Gregorian month of 365.25 / 12 = 30.4375 days. Calendar months differ in length,
    /// so a month here is a fixed length of time, not a calendar month.
    /// </summary>
    Month = 2,
}

/// <summary>Lengths of the period units in days.</summary>
public static class RfmPeriodUnits
{
    /// <summary>The number of days in one period of the unit.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>1 for a day, 7 for a week, 30.4375 (365.25 / 12) for a month.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined unit.</exception>
    public static double Days(this RfmPeriodUnit unit) => unit switch
    {
        RfmPeriodUnit.Day => 1.0,
        RfmPeriodUnit.Week => 7.0,
        RfmPeriodUnit.Month => 365.25 / 12.0,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Value must be Day, Week or Month."),
    };
}
