using System.Globalization;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Simulation;

public static partial class ContactCenterSimulator
{
    /// <summary>
    /// One run of the steps, and its tables as streams: the customers' latent state and the contacts in memory, the
    /// per-customer tables in sorted runs (in memory for <see cref="Generate"/>, in files for <see cref="Stream(SimulationOptions, string)"/>).
    /// </summary>
    internal sealed class SimulationRun : IDisposable
    {
        /// <summary>The queue written on campaign calls (<see cref="OutboundOptions"/>).</summary>
        private const string CampaignQueue = "phone_outbound";

        private readonly SimulationCalendar _calendar;
        private readonly Population _population;
        private readonly ContactBuffer _contacts = new();
        private readonly StaffingPlanner _plan;
        private readonly string? _folder;
        private readonly TimedRowRuns _purchases;
        private readonly TimedRowRuns _touches;
        private readonly TimedRowRuns _conversions;
        private readonly TimedRowRuns _controlConversions;
        private readonly AgentId[] _agentIds;
        private readonly CustomerId[]? _customerIds; // kept for an in-memory run, whose tables share them
        private bool _disposed;

        /// <param name="options">What to generate.</param>
        /// <param name="folder">Where the sorted runs go (deleted on <see cref="Dispose"/>); <see langword="null"/> to keep them in memory.</param>
        /// <param name="batchCustomers">Customers per batch of the per-customer tables.</param>
        internal SimulationRun(SimulationOptions options, string? folder, int batchCustomers)
        {
            Options = options;
            _folder = folder;
            _calendar = new SimulationCalendar(options);
            _population = new Population(options.Customers);
            ulong root = SeededRandom.Root(options.Seed);
            ulong Seed(ulong stream, int i) => SeededRandom.Derive(SeededRandom.Derive(root, stream), (ulong)i);
            var draws = new CustomerDraws(options, _calendar, new SeededRandom(0));

            // Steps (1)-(3): what the shared queues need of every customer; purchases and touchpoints wait for step (4).
            for (int i = 0; i < options.Customers; i++)
            {
                draws.Profile(_population, i, Seed(ProfileStream, i));
                draws.FirstContacts(_population, _contacts, i, Seed(ContactStream, i));
            }
            _plan = StaffingPlanner.Plan(options, _calendar, _population, SeededRandom.Derive(root, StaffingStream));
            new ContactEventLoop(options, _calendar, _population, _contacts, _plan, SeededRandom.Derive(root, OutboundStream)).Run();

            // Step (4), in batches of customers: purchases, touchpoints and conversions (each customer's own streams, so the
            // batch does not change the draws), the rows before churn sorted into one run per batch.
            var resolvedEnds = ResolvedContactEnds(_population.Count, _contacts);
            _purchases = new TimedRowRuns(folder, "purchases");
            _touches = new TimedRowRuns(folder, "touchpoints");
            _conversions = new TimedRowRuns(folder, "conversions");
            _controlConversions = new TimedRowRuns(folder, "control");
            for (int first = 0; first < options.Customers; first += batchCustomers)
            {
                int count = Math.Min(batchCustomers, options.Customers - first);
                var purchases = new CustomerRows<decimal>(first, count);
                var touches = new CustomerRows<int>(first, count);
                var conversions = new CustomerRows<decimal>(first, count);
                var controlConversions = new CustomerRows<decimal>(first, count);
                for (int i = first; i < first + count; i++)
                {
                    draws.Purchases(_population, purchases, i, Seed(PurchaseStream, i), Seed(SubscriptionStream, i));
                    draws.Touches(_population, touches, i, Seed(TouchStream, i));
                    draws.Conversions(_population, touches, resolvedEnds, conversions, controlConversions, i, Seed(ConversionStream, i));
                }
                Collect(purchases, _purchases, first, count, amount => amount);
                Collect(touches, _touches, first, count, channel => channel);
                Collect(conversions, _conversions, first, count, value => value);
                Collect(controlConversions, _controlConversions, first, count, value => value);
            }

            _agentIds = new AgentId[_plan.Roster.Agents.Count];
            for (int a = 0; a < _agentIds.Length; a++)
            {
                _agentIds[a] = new AgentId("A" + (a + 1).ToString("D4", CultureInfo.InvariantCulture));
            }
            if (folder is null)
            {
                _customerIds = new CustomerId[_population.Count];
                for (int i = 0; i < _customerIds.Length; i++)
                {
                    _customerIds[i] = NewCustomerId(i);
                }
            }
        }

        internal SimulationOptions Options { get; }

        /// <summary>The interactions written: closed ones and emails still open at the end.</summary>
        internal int InteractionCount
        {
            get
            {
                int n = 0;
                for (int k = 0; k < _contacts.Count; k++)
                {
                    n += IsWritten(_contacts[k].State) ? 1 : 0;
                }
                return n;
            }
        }

        /// <summary>Step (5), in memory: every table as an array.</summary>
        internal SimulatedContactCenter ToCenter() =>
            // Read-only wrappers: a caller cannot cast a table back to an array and change it.
            new(Options,
                Array.AsReadOnly(Customers().ToArray()),
                Array.AsReadOnly(Interactions().ToArray()),
                Array.AsReadOnly(Purchases().ToArray()),
                Array.AsReadOnly(Touchpoints().ToArray()),
                Array.AsReadOnly(Conversions(control: false).ToArray()),
                Array.AsReadOnly(Conversions(control: true).ToArray()),
                Array.AsReadOnly(StaffingPlan()),
                Array.AsReadOnly(CustomerTruths().ToArray()),
                Array.AsReadOnly(AgentTruths()));

        internal IEnumerable<Customer> Customers()
        {
            CheckNotDisposed();
            for (int i = 0; i < _population.Count; i++)
            {
                LocalDate? churnedOn = _population.ChurnAt[i] == Population.Never ? null : _calendar.DateOf(_calendar.DayOf(_population.ChurnAt[i]));
                yield return new Customer(CustomerIdOf(i), _calendar.DateOf(_population.AcquiredDay[i]), churnedOn, Options.Segments[_population.Segment[i]].Name);
            }
        }

        internal IEnumerable<Interaction> Interactions()
        {
            CheckNotDisposed();
            var order = ContactEventLoop.ArrivalOrder(_contacts, _contacts.Count, IsWritten);
            var channels = Options.Contacts.Channels;
            var reasons = Options.Contacts.Reasons;
            var queues = channels.Select(c => c.Channel.ToSchemaName()).ToArray();
            string? campaignReason = Options.Outbound?.Reason;
            for (int n = 0; n < order.Length; n++)
            {
                var c = _contacts[order[n]];
                string id = "I" + (n + 1).ToString("D7", CultureInfo.InvariantCulture);
                var arrived = _calendar.ToInstant(c.Arrival);
                if (c.State == ContactState.Open)
                {
                    // An email still unanswered at the end of the period: no answer, no handling, resolution unknown.
                    yield return new Interaction(new InteractionId(id), CustomerIdOf(c.Customer), channels[c.Channel].Channel, arrived, arrived,
                        Direction.Inbound, null, queues[c.Channel], reasons[c.Reason].Name, null, Duration.Zero, Duration.Zero, Duration.Zero, null, 0, null);
                    continue;
                }
                SurveyResponse? survey = c.Csat < 0 ? null : SurveyResponse.Create(c.Csat, c.Nps, c.Ces, c.Recommended < 0 ? null : c.Recommended == 1, id);
                yield return new Interaction(
                    new InteractionId(id),
                    CustomerIdOf(c.Customer),
                    channels[c.Channel].Channel,
                    arrived,
                    _calendar.ToInstant(c.Ended),
                    c.Outbound ? Direction.Outbound : Direction.Inbound,
                    c.Agent >= 0 ? _agentIds[c.Agent] : null,
                    c.Outbound ? CampaignQueue : queues[c.Channel],
                    c.Outbound ? campaignReason! : reasons[c.Reason].Name,
                    c.Answered >= 0 ? _calendar.ToInstant(c.Answered) : null,
                    Duration.FromSeconds(c.Talk),
                    Duration.FromSeconds(c.Hold),
                    Duration.FromSeconds(c.AfterCallWork),
                    c.Outbound ? null : c.Resolved,
                    c.Transfers,
                    survey);
            }
        }

        internal IEnumerable<Purchase> Purchases() =>
            Rows(_purchases, (id, at, amount) => new Purchase(id, at, new Money(amount, Options.Currency)));

        internal IEnumerable<Touchpoint> Touchpoints()
        {
            var names = Options.Marketing.TouchChannels.Select(c => c.Name).ToArray();
            return Rows(_touches, (id, at, channel) => new Touchpoint(id, at, names[(int)channel]));
        }

        internal IEnumerable<Conversion> Conversions(bool control) =>
            Rows(control ? _controlConversions : _conversions, (id, at, value) => new Conversion(id, at, new Money(value, Options.Currency)));

        internal StaffingInterval[] StaffingPlan()
        {
            var channels = Options.Contacts.Channels;
            var result = new List<StaffingInterval>();
            for (int c = 0; c < channels.Count; c++)
            {
                if (_plan.Agents[c] is not int[] agents)
                {
                    continue;
                }
                var required = _plan.Required[c]!;
                var forecast = _plan.Forecast[c]!;
                for (int k = 0; k < _plan.Slots; k++)
                {
                    long start = (long)k * SimulationCalendar.SecondsPerHour;
                    long end = Math.Min(start + SimulationCalendar.SecondsPerHour, _calendar.EndSeconds);
                    result.Add(new StaffingInterval(channels[c].Channel, _calendar.ToInstant(start), _calendar.ToInstant(end), agents[k], required[k], forecast[k]));
                }
            }
            return [.. result];
        }

        internal IEnumerable<CustomerTruth> CustomerTruths()
        {
            CheckNotDisposed();
            double p = Options.Spend.P;
            for (int i = 0; i < _population.Count; i++)
            {
                yield return new CustomerTruth(
                    CustomerIdOf(i),
                    Options.Segments[_population.Segment[i]].Name,
                    _calendar.ToInstant(_population.AcquiredAt[i]),
                    _population.PurchaseRate[i],
                    _population.DropoutProbability[i],
                    p / _population.SpendRate[i],
                    _population.ContactsPerYear[i],
                    Optional(_population.PurchaseDropoutAt[i]),
                    Optional(_population.ExposedAt[i]),
                    Optional(_population.ChurnAt[i]));
            }
        }

        internal AgentTruth[] AgentTruths()
        {
            var roster = _plan.Roster;
            var result = new AgentTruth[roster.Agents.Count];
            for (int a = 0; a < result.Length; a++)
            {
                var agent = roster.Agents[a];
                var (start, end) = roster.ShiftOf(a);
                result[a] = new AgentTruth(
                    _agentIds[a],
                    roster.TeamName(agent.Team),
                    roster.TeamChannels(agent.Team),
                    new LocalTime(start, 0),
                    end == 24 ? LocalTime.Midnight : new LocalTime(end, 0),
                    _calendar.DateOf(agent.HireDay),
                    agent.LeaveDay == int.MaxValue ? null : _calendar.DateOf(agent.LeaveDay));
            }
            return result;
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _purchases.Dispose();
            _touches.Dispose();
            _conversions.Dispose();
            _controlConversions.Dispose();
            if (_folder is not null && Directory.Exists(_folder))
            {
                Directory.Delete(_folder, true);
            }
        }

        private static bool IsWritten(ContactState state) => state is ContactState.Done or ContactState.Open;

        private static CustomerId NewCustomerId(int i) => new("C" + (i + 1).ToString("D6", CultureInfo.InvariantCulture));

        /// <summary>The rows of a batch before each customer's churn, into the batch's run.</summary>
        private void Collect<TValue>(CustomerRows<TValue> rows, TimedRowRuns runs, int first, int count, Func<TValue, decimal> value)
        {
            for (int i = first; i < first + count; i++)
            {
                long stop = _population.ChurnAt[i];
                for (int r = rows.Start(i); r < rows.End(i); r++)
                {
                    if (rows.Time(r) < stop)
                    {
                        runs.Add(new TimedRow(rows.Time(r), i, r - rows.Start(i), value(rows.Value(r))));
                    }
                }
            }
            runs.EndBatch();
        }

        private IEnumerable<T> Rows<T>(TimedRowRuns runs, Func<CustomerId, Instant, decimal, T> create)
        {
            CheckNotDisposed();
            foreach (var row in runs.Sorted())
            {
                yield return create(CustomerIdOf(row.Customer), _calendar.ToInstant(row.Time), row.Value);
            }
        }

        private CustomerId CustomerIdOf(int i) => _customerIds is { } ids ? ids[i] : NewCustomerId(i);

        private Instant? Optional(long seconds) => seconds == Population.Never ? null : _calendar.ToInstant(seconds);

        private void CheckNotDisposed() => ObjectDisposedException.ThrowIf(_disposed, typeof(StreamedContactCenter));
    }
}
