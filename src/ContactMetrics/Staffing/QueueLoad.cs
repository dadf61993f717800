using NodaTime;

namespace ContactMetrics.Staffing;

/// <summary>
/// The work offered to one queue in one interval: how many contacts arrive, over how long, and how
/// long each takes to handle. Its <see cref="TrafficErlangs"/> is the input of every Erlang formula.
/// </summary>
/// <remarks>
/// Arrivals are taken as a Poisson process at a constant rate over the interval (the standard
/// assumption of Erlang staffing: the interval must be short enough for the rate to be flat, 15 or
/// 30 minutes in practice) and handle times as exponential with mean <see cref="AverageHandleTime"/>.
/// Immutable.
/// </remarks>
public sealed class QueueLoad
{
    /// <summary>The largest traffic accepted, in Erlangs: staffing answers are agent counts held in an <see cref="int"/>.</summary>
    public const double MaxTrafficErlangs = 1e8;

    /// <summary>A load with <see cref="TimeSpan"/>s for the interval and the AHT (the .NET types); otherwise as the constructor taking <see cref="Duration"/>s.</summary>
    /// <param name="contacts">Contacts arriving in the interval.</param>
    /// <param name="interval">The interval's length.</param>
    /// <param name="averageHandleTime">The average handle time.</param>
    public QueueLoad(double contacts, TimeSpan interval, TimeSpan averageHandleTime)
        : this(contacts, Duration.FromTimeSpan(interval), Duration.FromTimeSpan(averageHandleTime))
    {
    }

    /// <summary>Creates a load.</summary>
    /// <param name="contacts">The expected number of contacts arriving in the interval; finite and at least 0 (a forecast may be fractional).</param>
    /// <param name="interval">The length of the interval; greater than 0.</param>
    /// <param name="averageHandleTime">The mean handle time (talk + hold + after-contact work); greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="contacts"/> is negative, NaN or infinite; <paramref name="interval"/> or
    /// <paramref name="averageHandleTime"/> is not positive; or the traffic exceeds <see cref="MaxTrafficErlangs"/>.
    /// </exception>
    public QueueLoad(double contacts, Duration interval, Duration averageHandleTime)
    {
        Contacts = Preconditions.CheckNonNegative(contacts);
        Interval = StaffingChecks.CheckPositive(interval);
        AverageHandleTime = StaffingChecks.CheckPositive(averageHandleTime);
        TrafficErlangs = Traffic(contacts, interval, averageHandleTime);
    }

    /// <summary>A load whose arguments were checked and whose traffic is <see cref="Traffic"/> of them.</summary>
    internal QueueLoad(double contacts, Duration interval, Duration averageHandleTime, double trafficErlangs)
    {
        (Contacts, Interval, AverageHandleTime, TrafficErlangs) = (contacts, interval, averageHandleTime, trafficErlangs);
    }

    /// <summary>The traffic of a load, <c>contacts x AHT / interval</c> in Erlangs, checked to be at most <see cref="MaxTrafficErlangs"/>, as the constructor computes it.</summary>
    /// <param name="contacts">The contacts.</param>
    /// <param name="interval">The interval's length.</param>
    /// <param name="averageHandleTime">The handle time.</param>
    /// <param name="paramName">The caller's parameter that holds the contacts, for the exception.</param>
    /// <param name="index">The contacts' index in that parameter, named in the message; -1 for none.</param>
    internal static double Traffic(double contacts, Duration interval, Duration averageHandleTime, string paramName = "contacts", int index = -1)
    {
        double traffic = contacts * averageHandleTime.TotalSeconds / interval.TotalSeconds;
        if (!(traffic <= MaxTrafficErlangs))
        {
            string of = index < 0 ? "" : $" of {paramName}[{index}]";
            throw new ArgumentOutOfRangeException(paramName, contacts,
                $"The traffic (contacts x average handle time / interval){of} must be at most {StaffingChecks.Format(MaxTrafficErlangs)} Erlangs; was {StaffingChecks.Format(traffic)}.");
        }
        return traffic;
    }

    /// <summary>The expected number of contacts arriving in the interval.</summary>
    public double Contacts { get; }

    /// <summary>The length of the interval.</summary>
    public Duration Interval { get; }

    /// <summary>The mean handle time of a contact.</summary>
    public Duration AverageHandleTime { get; }

    /// <summary>The offered traffic <c>A = contacts x average handle time / interval</c>, in Erlangs: the mean number of busy agents if nobody waited or left.</summary>
    public double TrafficErlangs { get; }

    /// <summary>The arrival rate <c>lambda</c>, in contacts per second.</summary>
    public double ArrivalRatePerSecond => Contacts / Interval.TotalSeconds;

    /// <summary>Returns the same arrivals with another average handle time.</summary>
    /// <param name="averageHandleTime">The new mean handle time; greater than 0.</param>
    /// <returns>A new load.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="averageHandleTime"/> is not positive.</exception>
    public QueueLoad WithAverageHandleTime(Duration averageHandleTime) => new(Contacts, Interval, averageHandleTime);
}
