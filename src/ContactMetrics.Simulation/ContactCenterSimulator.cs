using System.Globalization;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

/// <summary>
/// Generates a seeded, deterministic synthetic contact center with planted, known effects: demo
/// data, and a test oracle for the calculators (see docs/simulation.md).
/// </summary>
/// <remarks>
/// <para>Randomness comes from <see cref="SimulationOptions.Seed"/> only. Every customer has its own
/// streams (profile, purchases, contacts, touchpoints, conversions) and every contact its own
/// (handling, outcome), hashed from the seed and their index with SplitMix64, so the tables do not
/// depend on the order of generation, and changing one part of the options (e.g. staffing) leaves
/// the draws of the others unchanged.</para>
/// <para>Steps: (1) per customer: segment, acquisition, churn budget, contact rate, BG/NBD purchases
/// and Gamma-Gamma amounts, first contacts, touchpoints; (2) the hourly staffing plan; (3) one
/// discrete-event simulation of all contacts in time order (queues, abandonment, resolution,
/// surveys, repeats, the raised churn hazard after the first unresolved contact); (4) per customer:
/// truncation at churn, and conversions with their control (the same proposals thinned without the
/// service lift); (5) the tables, each sorted once.</para>
/// </remarks>
public static partial class ContactCenterSimulator
{
    private const ulong ProfileStream = 1;
    private const ulong PurchaseStream = 2;
    private const ulong ContactStream = 3;
    private const ulong TouchStream = 4;
    private const ulong ConversionStream = 5;
    private const ulong StaffingStream = 6;
    private const ulong SubscriptionStream = 7;
    private const ulong OutboundStream = 8;

    /// <summary>The customers per batch of <see cref="Stream(SimulationOptions, string)"/>.</summary>
    internal const int StreamBatchCustomers = 50_000;

    /// <summary>Generates the tables of a simulated contact center, in memory.</summary>
    /// <param name="options">What to generate, with the planted parameters.</param>
    /// <returns>The tables, with <paramref name="options"/> as their planted truth.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <remarks>The tables are those of <see cref="Stream(SimulationOptions, string)"/> with the same options, row for row.</remarks>
    public static SimulatedContactCenter Generate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var run = new SimulationRun(options, null, options.Customers);
        return run.ToCenter();
    }

    /// <summary>
    /// Generates a simulated contact center without holding its tables: each table is read once or more from the returned
    /// object as a sorted stream, to write it to disk (e.g. <c>Tables.WriteInteractions(path, world.Interactions)</c>).
    /// </summary>
    /// <param name="options">What to generate, with the planted parameters.</param>
    /// <param name="workFolder">A folder for the sorted runs of the per-customer tables (created if missing; a subfolder of
    /// its own is used and deleted when the result is disposed).</param>
    /// <returns>The streamed tables, the same rows as <see cref="Generate"/> gives for the same options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="workFolder"/> is null, empty or white space.</exception>
    /// <remarks>
    /// <para>Memory: the contacts (about 80 bytes each, for the discrete-event simulation, whose queues every customer
    /// shares) and about 150 bytes of latent state per customer; purchases, touchpoints, conversions and the control run are
    /// generated in batches of 50,000 customers, each batch sorted into a run file under <paramref name="workFolder"/>, and
    /// merged as they are read. No table is built as objects: each row is made as it is read.</para>
    /// <para>The random streams are those of <see cref="Generate"/>: every customer's draws are seeded from the seed and the
    /// customer's index, so drawing a batch later draws the same numbers.</para>
    /// </remarks>
    public static StreamedContactCenter Stream(SimulationOptions options, string workFolder) => Stream(options, workFolder, StreamBatchCustomers);

    /// <summary><see cref="Stream(SimulationOptions, string)"/> with <paramref name="batchCustomers"/> customers per batch.</summary>
    internal static StreamedContactCenter Stream(SimulationOptions options, string workFolder, int batchCustomers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(workFolder);
        string folder = Path.Combine(workFolder, ".simulation-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            return new StreamedContactCenter(new SimulationRun(options, folder, batchCustomers));
        }
        catch
        {
            Directory.Delete(folder, true);
            throw;
        }
    }

    /// <summary>The end times of each customer's resolved contacts, sorted, as compressed rows.</summary>
    private static CustomerRows<bool> ResolvedContactEnds(int customers, ContactBuffer contacts)
    {
        var counts = new int[customers + 1];
        for (int k = 0; k < contacts.Count; k++)
        {
            ref var c = ref contacts[k];
            if (c.State == ContactState.Done && c.Resolved)
            {
                counts[c.Customer + 1]++;
            }
        }
        for (int i = 0; i < customers; i++)
        {
            counts[i + 1] += counts[i];
        }
        var ends = new long[counts[customers]];
        var fill = counts[..customers];
        for (int k = 0; k < contacts.Count; k++)
        {
            ref var c = ref contacts[k];
            if (c.State == ContactState.Done && c.Resolved)
            {
                ends[fill[c.Customer]++] = c.Ended;
            }
        }
        var rows = new CustomerRows<bool>(customers);
        for (int i = 0; i < customers; i++)
        {
            Array.Sort(ends, counts[i], counts[i + 1] - counts[i]);
            for (int j = counts[i]; j < counts[i + 1]; j++)
            {
                rows.Add(ends[j], true);
            }
            rows.EndCustomer(i);
        }
        return rows;
    }

    /// <summary>The per-customer draws of steps (1) and (4); each reseeds the shared generator with the customer's stream.</summary>
    private sealed class CustomerDraws
    {
        private readonly SimulationOptions _options;
        private readonly SimulationCalendar _calendar;
        private readonly SeededRandom _random;
        private readonly double[] _segmentCumulative;
        private readonly double[] _billingCumulative;
        private readonly double[] _channelCumulative;
        private readonly double[] _reasonCumulative;
        private readonly double[] _touchCumulative;
        private readonly double[] _touchLift;
        private readonly double _maxLift;
        private readonly int[] _seenStamp;
        private int _stamp;

        internal CustomerDraws(SimulationOptions options, SimulationCalendar calendar, SeededRandom random)
        {
            _options = options;
            _calendar = calendar;
            _random = random;
            _segmentCumulative = SeededRandom.Cumulative(options.Segments.Select(s => s.Share));
            _billingCumulative = options.Subscription is { } subscription ? SeededRandom.Cumulative(subscription.BillingPlans.Select(p => p.Share)) : [];
            _channelCumulative = SeededRandom.Cumulative(options.Contacts.Channels.Select(c => c.Share));
            _reasonCumulative = SeededRandom.Cumulative(options.Contacts.Reasons.Select(r => r.Share));
            var touchChannels = options.Marketing.TouchChannels;
            _touchCumulative = SeededRandom.Cumulative(touchChannels.Select(c => c.Share));
            _touchLift = [.. touchChannels.Select(c => c.ConversionLift)];
            _maxLift = Math.Max(1.0, options.Marketing.ServiceLift);
            foreach (double lift in _touchLift)
            {
                _maxLift *= Math.Max(1.0, lift);
            }
            _seenStamp = new int[touchChannels.Count];
        }

        /// <summary>Profile stream: segment, acquisition day and time, churn budget, contact-rate multiplier (last: its draw count varies).</summary>
        internal void Profile(Population population, int i, ulong seed)
        {
            var random = _random;
            random.Reseed(seed);
            int segment = random.NextIndex(_segmentCumulative);
            bool initial = random.NextBernoulli(_options.InitialCustomerShare);
            int day = random.Next(_calendar.Days);
            var (hour, second) = _calendar.DrawTimeOfDay(random);
            double budget = random.NextExponential(1.0);
            double multiplier = random.NextGamma(_options.Contacts.RateShape, _options.Contacts.RateShape);

            var seg = _options.Segments[segment];
            population.Segment[i] = segment;
            population.AcquiredDay[i] = initial ? 0 : day;
            population.AcquiredAt[i] = _calendar.SecondsAt(population.AcquiredDay[i], hour, second);
            population.ChurnBudget[i] = budget;
            population.HazardPerSecond[i] = _options.Churn.Enabled ? seg.AnnualChurnHazard / SimulationCalendar.SecondsPerYear : 0.0;
            population.ContactsPerYear[i] = seg.ContactsPerYear * multiplier;
        }

        /// <summary>
        /// Purchase stream: lambda, p, nu, then the trial purchase at acquisition and repeat purchases
        /// of the BG/NBD process (exponential gaps in weeks; drop-out with probability p after each).
        /// </summary>
        internal void Purchases(Population population, CustomerRows<decimal> purchases, int i, ulong seed, ulong subscriptionSeed)
        {
            Bills(population, purchases, i, subscriptionSeed);
            var random = _random;
            random.Reseed(seed);
            var bg = _options.Purchases;
            var gg = _options.Spend;
            double lambda = random.NextGamma(bg.R, bg.Alpha);
            double p = random.NextBeta(bg.A, bg.B);
            double nu = random.NextGamma(gg.Q, gg.Gamma);
            population.PurchaseRate[i] = lambda;
            population.DropoutProbability[i] = p;
            population.SpendRate[i] = nu;

            long end = _calendar.EndSeconds;
            double t = population.AcquiredAt[i];
            purchases.Add((long)t, Amount(random.NextGamma(gg.P, nu)));
            if (lambda > 0)
            {
                double meanGap = SimulationCalendar.SecondsPerWeek / lambda;
                while (true)
                {
                    t += random.NextExponential(meanGap);
                    if (!(t < end))
                    {
                        break;
                    }
                    long at = (long)Math.Round(t);
                    purchases.Add(at, Amount(random.NextGamma(gg.P, nu)));
                    if (random.NextBernoulli(p))
                    {
                        population.PurchaseDropoutAt[i] = at;
                        break;
                    }
                }
            }
            purchases.EndCustomer(i);
        }

        /// <summary>
        /// Subscription stream: the customer's monthly fee, then a bill at acquisition and every billing period after,
        /// to the end of the period (the tables stop them at churn).
        /// </summary>
        private void Bills(Population population, CustomerRows<decimal> purchases, int i, ulong seed)
        {
            if (_options.Subscription is not SubscriptionOptions s)
            {
                return;
            }
            var random = _random;
            random.Reseed(seed);
            double monthly = random.NextGamma(s.FeeShape, s.FeeShape / s.MonthlyFeeMean) * _options.Segments[population.Segment[i]].ValueFactor;
            int months = s.BillingPlans[random.NextIndex(_billingCumulative)].Months;
            decimal bill = Amount(monthly * months);
            var acquired = _calendar.DateOf(population.AcquiredDay[i]);
            purchases.Add(population.AcquiredAt[i], bill);
            for (int k = 1; ; k++)
            {
                int due = NodaTime.Period.DaysBetween(_calendar.DateOf(0), acquired.PlusMonths(k * months));
                int day = due + random.Next(s.MaxPaymentDelayDays + 1);
                if (due >= _calendar.Days)
                {
                    break;
                }
                if (day < _calendar.Days)
                {
                    purchases.Add(_calendar.SecondsAt(day, 0, 0) + random.Next(SimulationCalendar.SecondsPerDay - SimulationCalendar.SecondsPerHour), bill);
                }
            }
        }

        /// <summary>
        /// Contact stream: first contacts by thinning a Poisson process at the busiest weekday's
        /// rate; each proposal draws acceptance, channel, reason and time of day (in the channel's opening
        /// hours); a contact drawn on a day the channel is closed arrives on its next open day.
        /// </summary>
        internal void FirstContacts(Population population, ContactBuffer contacts, int i, ulong seed)
        {
            var random = _random;
            random.Reseed(SeededRandom.Derive(seed, 0));
            ulong keys = SeededRandom.Derive(seed, 1);
            double perDay = population.ContactsPerYear[i] / 365.25 * _calendar.MaxWeekdayFactor;
            if (!(perDay > 0))
            {
                return;
            }
            long acquiredAt = population.AcquiredAt[i];
            double x = population.AcquiredDay[i];
            ulong ordinal = 0;
            while (true)
            {
                x += random.NextExponential(1.0 / perDay);
                if (!(x < _calendar.Days))
                {
                    break;
                }
                int day = (int)x;
                bool accept = random.NextDouble() * _calendar.MaxWeekdayFactor < _calendar.WeekdayFactor(day);
                int channel = random.NextIndex(_channelCumulative);
                int reason = random.NextIndex(_reasonCumulative);
                var (hour, second) = _calendar.DrawTimeOfDay(random, channel);
                if (!accept)
                {
                    continue;
                }
                day = _calendar.ArrivalDay(channel, day);
                if (day >= _calendar.Days)
                {
                    continue;
                }
                long arrival = _calendar.SecondsAt(day, hour, second);
                if (arrival <= acquiredAt || arrival >= _calendar.EndSeconds)
                {
                    continue;
                }
                contacts.Add(new ContactRecord
                {
                    Customer = i,
                    Channel = channel,
                    Reason = reason,
                    Key = SeededRandom.Derive(keys, ordinal++),
                    Arrival = arrival,
                    Answered = ContactRecord.None,
                    Agent = -1,
                });
            }
        }

        /// <summary>Touch stream: a Poisson process of marketing touches from acquisition, each with a channel.</summary>
        internal void Touches(Population population, CustomerRows<int> touches, int i, ulong seed)
        {
            var random = _random;
            random.Reseed(seed);
            double perSecond = _options.Marketing.TouchesPerWeek / SimulationCalendar.SecondsPerWeek;
            if (perSecond > 0)
            {
                double t = population.AcquiredAt[i];
                while (true)
                {
                    t += random.NextExponential(1.0 / perSecond);
                    int channel = random.NextIndex(_touchCumulative);
                    if (!(t < _calendar.EndSeconds))
                    {
                        break;
                    }
                    touches.Add((long)Math.Round(t), channel);
                }
            }
            touches.EndCustomer(i);
        }

        /// <summary>
        /// Conversion stream: thinning (Lewis and Shedler 1979) of a Poisson process at the largest
        /// possible rate down to c(t) (see <see cref="MarketingOptions"/>), from acquisition until churn.
        /// The control (c(t) without the service lift) thins the same proposals with the same uniforms
        /// (common random numbers), and a conversion of both gets the same value.
        /// </summary>
        internal void Conversions(Population population, CustomerRows<int> touches, CustomerRows<bool> resolvedEnds, CustomerRows<decimal> conversions, CustomerRows<decimal> controlConversions, int i, ulong seed)
        {
            var random = _random;
            random.Reseed(seed);
            var m = _options.Marketing;
            double basePerSecond = m.ConversionsPerYear / SimulationCalendar.SecondsPerYear;
            double maxPerSecond = basePerSecond * _maxLift;
            long stop = Math.Min(population.ChurnAt[i], _calendar.EndSeconds);
            if (maxPerSecond > 0)
            {
                double touchWindow = m.TouchWindow.TotalSeconds;
                double serviceWindow = m.ServiceWindow.TotalSeconds;
                double valueRate = m.ConversionValueShape / m.ConversionValueMean;
                int touchEnd = touches.Start(i);    // touches at or before the proposal: [Start, touchEnd)
                int serviceEnd = resolvedEnds.Start(i);
                double t = population.AcquiredAt[i];
                while (true)
                {
                    t += random.NextExponential(1.0 / maxPerSecond);
                    double accept = random.NextDouble();
                    if (!(t < stop))
                    {
                        break;
                    }
                    long at = (long)Math.Round(t);
                    if (at >= stop)
                    {
                        break;
                    }
                    while (touchEnd < touches.End(i) && touches.Time(touchEnd) <= at)
                    {
                        touchEnd++;
                    }
                    while (serviceEnd < resolvedEnds.End(i) && resolvedEnds.Time(serviceEnd) <= at)
                    {
                        serviceEnd++;
                    }
                    double factor = 1.0;
                    _stamp++;
                    for (int j = touchEnd - 1; j >= touches.Start(i) && at - touches.Time(j) < touchWindow; j--)
                    {
                        int channel = touches.Value(j);
                        if (_seenStamp[channel] != _stamp)
                        {
                            _seenStamp[channel] = _stamp;
                            factor *= _touchLift[channel];
                        }
                    }
                    double controlFactor = factor;
                    if (serviceEnd > resolvedEnds.Start(i) && at - resolvedEnds.Time(serviceEnd - 1) < serviceWindow)
                    {
                        factor *= m.ServiceLift;
                    }
                    bool converts = accept * _maxLift < factor;
                    bool controlConverts = accept * _maxLift < controlFactor;
                    // A value is drawn only for a proposal accepted in either world, so with a lift of at least 1
                    // (control a subset) the run's draws are those of the run alone.
                    if (converts || controlConverts)
                    {
                        decimal value = Amount(random.NextGamma(m.ConversionValueShape, valueRate));
                        if (converts)
                        {
                            conversions.Add(at, value);
                        }
                        if (controlConverts)
                        {
                            controlConversions.Add(at, value);
                        }
                    }
                }
            }
            conversions.EndCustomer(i);
            controlConversions.EndCustomer(i);
        }

        /// <summary>An amount in currency units rounded to cents, at least one cent.</summary>
        private static decimal Amount(double value) => Math.Max(0.01m, Math.Round((decimal)Math.Min(value, 1e12), 2, MidpointRounding.AwayFromZero));
    }
}
