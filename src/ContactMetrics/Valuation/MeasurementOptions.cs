using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Valuation;

/// <summary>
/// How <see cref="BusinessCaseMeasurement"/> measures a business case's inputs from contact-center tables: the year of
/// data it reads, the windows and the value assumptions (margin, discount rate, CLV horizon) it states. Immutable.
/// </summary>
public sealed record MeasurementOptions
{
    /// <summary>Creates options for data observed up to <paramref name="observationEnd"/>.</summary>
    /// <param name="observationEnd">The end of the data; "a year" means the 365 days before it.</param>
    /// <param name="timeZone">The time zone of the contact center (intervals of the demand profile, purchase dates).</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    public MeasurementOptions(Instant observationEnd, DateTimeZone timeZone)
    {
        ObservationEnd = observationEnd;
        TimeZone = Preconditions.CheckNotNull(timeZone);
    }

    /// <summary>The end of the data.</summary>
    public Instant ObservationEnd { get; }

    /// <summary>The time zone of the contact center.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>A contact of the same customer on the same reason within this time after a contact counts as its repeat; 7 days by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public Duration RepeatWindow { get; init => field = Positive(value, nameof(RepeatWindow)); } = Duration.FromDays(7);

    /// <summary>The horizon at which retention of resolved and unresolved customers is compared; 365 days by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public Duration RetentionHorizon { get; init => field = Positive(value, nameof(RetentionHorizon)); } = Duration.FromDays(365);

    /// <summary>The margin on revenue (purchases and conversion values); 0.3 by default, an assumption the output states.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1].</exception>
    public double Margin { get; init => field = Preconditions.CheckInRange(value, double.Epsilon, 1, nameof(Margin)); } = 0.3;

    /// <summary>The annual discount rate of the CLV; 0.10 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double AnnualDiscountRate { get; init => field = Preconditions.CheckNonNegative(value, nameof(AnnualDiscountRate)); } = 0.10;

    /// <summary>The CLV horizon in years (valued in quarters); 3 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, 50].</exception>
    public int ClvYears { get; init => field = Preconditions.CheckInRange(value, 1, 50, nameof(ClvYears)); } = 3;

    /// <summary>At most this many active customers (every k-th) are valued for the mean CLV; 2,000 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public int MaxCustomersValued { get; init => field = Preconditions.CheckInRange(value, 2, int.MaxValue, nameof(MaxCustomersValued)); } = 2_000;

    /// <summary>The channel whose demand profile is staffed; <see cref="Channel.Phone"/> by default.</summary>
    public Channel StaffedChannel { get; init; } = Channel.Phone;

    /// <summary>The length of the demand profile's intervals; must divide a day; 30 minutes by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive or does not divide 24 hours into whole minutes.</exception>
    public Duration StaffingInterval
    {
        get;
        init
        {
            Positive(value, nameof(StaffingInterval));
            if (value.TotalMinutes != Math.Floor(value.TotalMinutes) || 1440 % (int)value.TotalMinutes != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(StaffingInterval), value, $"The staffing interval must be whole minutes that divide a day (15, 30, 60 ...); was {value}.");
            }
            field = value;
        }
    } = Duration.FromMinutes(30);

    /// <summary>The paid time of one full-time agent in a week (the demand profile is an average week); 36 hours by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public Duration PaidTimePerFteWeek { get; init => field = Positive(value, nameof(PaidTimePerFteWeek)); } = Duration.FromHours(36);

    /// <summary>The lookback of the attribution journeys (touches this long before a conversion); 30 days by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public Duration JourneyLookback { get; init => field = Positive(value, nameof(JourneyLookback)); } = Duration.FromDays(30);

    /// <summary>
    /// The cost model that prices the contacts (cost per contact of the agent channels' contacts of the last year);
    /// <see langword="null"/> to leave the cost per contact to the caller. It needs rates for every agent channel in the data.
    /// </summary>
    public CostModel? CostModel { get; init; }

    /// <summary>Where the cost model's rates come from, in words (shown as the source); <c>the given cost model</c> by default.</summary>
    /// <exception cref="ArgumentException">The value is blank.</exception>
    public string CostRatesSource
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(CostRatesSource));
            field = value;
        }
    } = "the given cost model";

    /// <summary>The relative half-width of the cost per contact's range, for the uncertainty of the rates; 0.2 (+-20%) by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1).</exception>
    public double CostRange { get; init => field = Preconditions.CheckInRange(value, 0, 1 - 1e-12, nameof(CostRange)); } = 0.2;

    private static Duration Positive(Duration value, string name) =>
        value > Duration.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be greater than 0; was {value}.");
}
