using NodaTime;
using NodaTime.TimeZones;

namespace ContactMetrics.Simulation;

/// <summary>
/// Local days and hours of the simulated period. Times inside the simulator are whole seconds
/// since the start of the period (the start of <see cref="SimulationOptions.Start"/> in the time zone).
/// </summary>
internal sealed class SimulationCalendar
{
    internal const int SecondsPerHour = 3600;
    internal const int SecondsPerDay = 86_400;
    internal const double SecondsPerWeek = 7.0 * SecondsPerDay;
    internal const double SecondsPerYear = 365.25 * SecondsPerDay;

    private readonly DateTimeZone _zone;
    private readonly LocalDate _start;
    private readonly long[] _midnights; // unix seconds of the start of local day d, d = 0..Days
    private readonly bool[] _plainDay;  // no offset change inside the day: local time = midnight + elapsed
    private readonly double[] _hourCumulative;
    private readonly double[] _weekdayFactor; // Monday first, mean 1
    private readonly int _startWeekday;        // 0 = Monday
    private readonly double[][] _channelHourCumulative; // per channel: the hour profile limited to its opening hours (arrivals)
    private readonly double[][] _channelHourProbability;
    private readonly ChannelOptions[] _channels;

    internal SimulationCalendar(SimulationOptions options)
    {
        _zone = options.TimeZone;
        _start = options.Start;
        Days = options.DurationDays;
        _midnights = new long[Days + 1];
        _plainDay = new bool[Days];
        for (int d = 0; d <= Days; d++)
        {
            _midnights[d] = _zone.AtStartOfDay(_start.PlusDays(d)).ToInstant().ToUnixTimeSeconds();
        }
        for (int d = 0; d < Days; d++)
        {
            var first = Instant.FromUnixTimeSeconds(_midnights[d]);
            var last = Instant.FromUnixTimeSeconds(_midnights[d + 1] - 1);
            _plainDay[d] = _midnights[d + 1] - _midnights[d] == SecondsPerDay
                && _zone.GetUtcOffset(first) == _zone.GetUtcOffset(last)
                && first.InZone(_zone).TimeOfDay == LocalTime.Midnight;
        }
        StartUnix = _midnights[0];
        EndSeconds = _midnights[Days] - StartUnix;

        var hours = options.Contacts.HourWeights;
        _hourCumulative = SeededRandom.Cumulative(hours);

        var weekdays = options.Contacts.WeekdayWeights;
        double mean = weekdays.Sum() / 7.0;
        _weekdayFactor = new double[7];
        for (int i = 0; i < 7; i++)
        {
            _weekdayFactor[i] = weekdays[i] / mean;
        }
        MaxWeekdayFactor = _weekdayFactor.Max();
        _startWeekday = (int)_start.DayOfWeek - 1;

        _channels = [.. options.Contacts.Channels];
        _channelHourCumulative = new double[_channels.Length][];
        _channelHourProbability = new double[_channels.Length][];
        for (int c = 0; c < _channels.Length; c++)
        {
            var channel = _channels[c];
            var weights = new double[24];
            for (int h = 0; h < 24; h++)
            {
                weights[h] = !channel.ArrivesInOpeningHours || (h >= channel.Opens && h < channel.Closes) ? hours[h] : 0.0;
            }
            if (weights.Sum() <= 0)
            {
                // Open only in hours of zero weight: arrivals spread evenly over the opening hours.
                for (int h = channel.Opens; h < channel.Closes; h++)
                {
                    weights[h] = 1.0;
                }
            }
            _channelHourCumulative[c] = SeededRandom.Cumulative(weights);
            _channelHourProbability[c] = [.. weights.Select(w => w / _channelHourCumulative[c][^1])];
        }
    }

    internal int Days { get; }

    internal long StartUnix { get; }

    /// <summary>The end of the period, in seconds since its start.</summary>
    internal long EndSeconds { get; }

    internal double MaxWeekdayFactor { get; }

    internal DateTimeZone Zone => _zone;

    internal Instant ToInstant(long seconds) => Instant.FromUnixTimeSeconds(StartUnix + seconds);

    internal LocalDate DateOf(int day) => _start.PlusDays(day);

    /// <summary>The day's weekday weight divided by the mean weekday weight.</summary>
    internal double WeekdayFactor(int day) => _weekdayFactor[Weekday(day)];

    /// <summary>The share of a channel's arrivals of a day in a local hour (zero outside the opening hours of a live-queue channel).</summary>
    internal double HourProbability(int channel, int hour) => _channelHourProbability[channel][hour];

    /// <summary>Day of week of a period day, 0 = Monday.</summary>
    internal int Weekday(int day) => (_startWeekday + day) % 7;

    /// <summary>Whether a channel (index into the options' channels) is open on a day.</summary>
    internal bool IsOpenDay(int channel, int day) => Weekday(day) < _channels[channel].OpenDaysPerWeek;

    /// <summary>
    /// The day on which a contact drawn on <paramref name="day"/> arrives: the day itself, or for a live-queue channel
    /// with opening hours the next open day (possibly past the period).
    /// </summary>
    internal int ArrivalDay(int channel, int day)
    {
        var c = _channels[channel];
        if (!c.ArrivesInOpeningHours)
        {
            return day;
        }
        int weekday = Weekday(day);
        return weekday < c.OpenDaysPerWeek ? day : day + (7 - weekday);
    }

    /// <summary>Draws a local time of day for a channel's arrival: its hour profile limited to its opening hours.</summary>
    internal (int Hour, int SecondOfHour) DrawTimeOfDay(SeededRandom random, int channel)
    {
        int hour = random.NextIndex(_channelHourCumulative[channel]);
        int second = random.Next(SecondsPerHour);
        return (hour, second);
    }

    /// <summary>A local time of day drawn from the hour profile, uniform within the hour.</summary>
    internal (int Hour, int SecondOfHour) DrawTimeOfDay(SeededRandom random)
    {
        int hour = random.NextIndex(_hourCumulative);
        int second = random.Next(SecondsPerHour);
        return (hour, second);
    }

    /// <summary>Seconds since the start of the period of a local time on day <paramref name="day"/>; a time in a DST gap moves forward.</summary>
    internal long SecondsAt(int day, int hour, int secondOfHour)
    {
        if (_plainDay[day])
        {
            return _midnights[day] - StartUnix + (hour * SecondsPerHour) + secondOfHour;
        }
        var local = _start.PlusDays(day).At(new LocalTime(hour, secondOfHour / 60, secondOfHour % 60));
        return _zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant().ToUnixTimeSeconds() - StartUnix;
    }

    /// <summary>The local day of an instant given in seconds since the start; <see cref="Days"/> at or after the end.</summary>
    internal int DayOf(long seconds)
    {
        long unix = StartUnix + seconds;
        int index = Array.BinarySearch(_midnights, unix);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The local hour of day of an instant given in seconds since the start.</summary>
    internal int HourOf(long seconds)
    {
        int day = DayOf(seconds);
        if (day < Days && _plainDay[day])
        {
            return (int)((StartUnix + seconds - _midnights[day]) / SecondsPerHour);
        }
        return ToInstant(seconds).InZone(_zone).Hour;
    }
}
