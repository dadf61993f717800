using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.Staffing;
using NodaTime;

namespace ContactMetrics.Valuation;

/// <summary>
/// The demand a staffing line of a business case is planned on: expected contacts in consecutive intervals of equal
/// length (e.g. an average week of half-hours), their handle time, and the paid time of one full-time agent over the
/// span the intervals cover (so that scheduled agent-hours become FTE). Immutable.
/// </summary>
public sealed class StaffingProfile
{
    /// <summary>Creates a profile.</summary>
    /// <param name="contactsPerInterval">Expected contacts of each interval; at least one, each finite and at least 0.</param>
    /// <param name="interval">The length of every interval; greater than 0.</param>
    /// <param name="averageHandleTime">The current mean handle time; greater than 0.</param>
    /// <param name="paidTimePerFte">The paid time of one FTE over the span of the intervals (e.g. 36 hours for a week of intervals); greater than 0.</param>
    /// <param name="description">What the profile is, e.g. <c>phone, average week of 2025 in half-hours</c>; not blank.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contactsPerInterval"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="contactsPerInterval"/> is empty or <paramref name="description"/> blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or not finite (the message gives its index), or a duration is not positive.</exception>
    public StaffingProfile(IReadOnlyList<double> contactsPerInterval, Duration interval, Duration averageHandleTime, Duration paidTimePerFte, string description)
    {
        Preconditions.CheckNotNull(contactsPerInterval);
        Preconditions.CheckArgument(contactsPerInterval.Count > 0, nameof(contactsPerInterval), "A staffing profile needs at least one interval.");
        for (int i = 0; i < contactsPerInterval.Count; i++)
        {
            double c = contactsPerInterval[i];
            if (!(c >= 0) || double.IsPositiveInfinity(c))
            {
                throw new ArgumentOutOfRangeException(nameof(contactsPerInterval), c,
                    string.Create(CultureInfo.InvariantCulture, $"contactsPerInterval[{i}] must be a finite number of at least 0; was {c:R}."));
            }
        }
        CheckPositive(interval, nameof(interval));
        CheckPositive(averageHandleTime, nameof(averageHandleTime));
        CheckPositive(paidTimePerFte, nameof(paidTimePerFte));
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ContactsPerInterval = [.. contactsPerInterval];
        Interval = interval;
        AverageHandleTime = averageHandleTime;
        PaidTimePerFte = paidTimePerFte;
        Description = description;
    }

    /// <summary>Expected contacts of each interval.</summary>
    public ImmutableArray<double> ContactsPerInterval { get; }

    /// <summary>The length of every interval.</summary>
    public Duration Interval { get; }

    /// <summary>The current mean handle time.</summary>
    public Duration AverageHandleTime { get; }

    /// <summary>The paid time of one FTE over the span of the intervals.</summary>
    public Duration PaidTimePerFte { get; }

    /// <summary>What the profile is.</summary>
    public string Description { get; }

    /// <summary>The FTE a planner schedules for this demand at the current handle time.</summary>
    /// <param name="planner">The planner (target, shrinkage, model).</param>
    /// <returns>Scheduled agent-hours over the profile / <see cref="PaidTimePerFte"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="planner"/> is null.</exception>
    public double Fte(StaffingPlanner planner) => Fte(planner, AverageHandleTime);

    /// <summary>The FTE a planner schedules for this demand at another handle time.</summary>
    /// <param name="planner">The planner.</param>
    /// <param name="averageHandleTime">The handle time; greater than 0.</param>
    /// <returns>Scheduled agent-hours over the profile / <see cref="PaidTimePerFte"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="planner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="averageHandleTime"/> is not positive.</exception>
    public double Fte(StaffingPlanner planner, Duration averageHandleTime)
    {
        Preconditions.CheckNotNull(planner);
        CheckPositive(averageHandleTime, nameof(averageHandleTime));
        return planner.Plan(ContactsPerInterval.AsSpan(), Interval, averageHandleTime).Fte(PaidTimePerFte);
    }

    private static void CheckPositive(Duration value, string paramName)
    {
        if (value <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be greater than 0; was {value}.");
        }
    }
}
