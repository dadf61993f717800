using BenchmarkDotNet.Attributes;
using ContactMetrics.Benchmarks.Kpis;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Benchmarks.CostToServe;

/// <summary>
/// Cost-to-serve over the KPI benchmarks' 10 million seeded contacts (<see cref="KpiBenchmarkData"/>): every contact
/// priced with rates for all 8 channels and one overhead spread by handle time, totals by channel and by customer,
/// and repeat chains (7 days, same reason) with their cost by the channel they started on. The library against a
/// LINQ baseline that computes the same things on the records in decimal.
/// </summary>
[MemoryDiagnoser]
public class CostToServeBenchmarks
{
    private static readonly Currency Eur = Currency.Eur;
    private List<Interaction>? _rows;
    private InteractionTable _table = null!;
    private readonly CostModel _model = Model();

    /// <summary>Rows in the table.</summary>
    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup(Target = nameof(Linq))]
    public void SetupLinq() => _rows = KpiBenchmarkData.Contacts(Rows, seed: 42);

    [GlobalSetup(Target = nameof(Library))]
    public void SetupTable()
    {
        _table = InteractionTable.Create(KpiBenchmarkData.Contacts(Rows, seed: 42));
        GC.Collect();
    }

    /// <summary>Both methods' results on <paramref name="rows"/> contacts, to see them agree (`check-cost N`).</summary>
    public static void Check(int rows)
    {
        var b = new CostToServeBenchmarks { Rows = rows };
        b.SetupLinq();
        b.SetupTable();
        Console.WriteLine($"linq    {b.Linq()}");
        Console.WriteLine($"library {b.Library()}");
    }

    [Benchmark(Baseline = true)]
    public decimal Linq()
    {
        var rows = _rows!;
        var overhead = _model.Overheads[0];
        decimal handleTotal = rows.Sum(i => (decimal)(i.Talk + i.Hold + i.AfterCallWork).TotalSeconds);
        var priced = rows.Select(i =>
        {
            var r = _model.RatesOf(i.Channel)!;
            decimal handle = (decimal)(i.Talk + i.Hold + i.AfterCallWork).TotalSeconds;
            decimal queue = (decimal)((i.AnsweredAt ?? i.EndedAt) - i.ArrivedAt).TotalSeconds;
            decimal line = queue + (decimal)(i.Talk + i.Hold).TotalSeconds;
            decimal cost = handle * r.AgentCostPerHandledHour.Amount / 3600m + line * r.TelephonyPerMinute.Amount / 60m + queue * r.IvrPerMinute.Amount / 60m
                + r.PlatformPerContact.Amount + r.BotPerContact.Amount + overhead.Amount.Amount * handle / handleTotal;
            return (Contact: i, Cost: cost);
        }).ToList();
        var byChannel = priced.GroupBy(p => p.Contact.Channel).ToDictionary(g => g.Key, g => g.Sum(p => p.Cost));
        var byCustomer = priced.GroupBy(p => p.Contact.CustomerId?.Value ?? "(unidentified)").ToDictionary(g => g.Key, g => g.Sum(p => p.Cost));

        // Chains: within (customer, reason), by arrival, a contact joins the chain of the previous answered one within 7 days.
        var window = Duration.FromDays(7);
        var chainStart = priced.ToDictionary(p => p.Contact.Id, p => p.Contact);
        foreach (var group in priced.Select(p => p.Contact)
                     .Where(i => i.CustomerId is not null && i.Direction == Direction.Inbound && i.Channel.IsAgentHandled() && i.Reason is not null)
                     .GroupBy(i => (i.CustomerId, i.Reason)))
        {
            Interaction? last = null;
            foreach (var i in group.OrderBy(i => i.ArrivedAt))
            {
                if (last is not null && i.ArrivedAt - last.ArrivedAt <= window)
                {
                    chainStart[i.Id] = chainStart[last.Id];
                }
                if (i.IsAnswered)
                {
                    last = i;
                }
            }
        }
        var chainCostByChannel = priced.GroupBy(p => chainStart[p.Contact.Id].Channel).ToDictionary(g => g.Key, g => g.Sum(p => p.Cost));
        return byChannel.Values.Sum() + byCustomer.Count + chainCostByChannel.Values.Sum() + chainStart.Values.Distinct().Count();
    }

    [Benchmark]
    public decimal Library()
    {
        var result = CostToServeCalculator.Compute(_table, _model);
        return result.ByChannel.Sum(g => g.Cost.Total.Amount) + result.ByCustomer.Length + result.ByChannel.Sum(g => g.ChainCost.Amount) + result.Chains;
    }

    private static CostModel Model()
    {
        Money M(decimal amount) => new(amount, Eur);
        return new CostModel(Eur,
        [
            new ChannelRates(Channel.Phone, M(34m), 0.30, 0.85, telephonyPerMinute: M(0.012m), ivrPerMinute: M(0.004m), platformPerContact: M(0.08m)),
            new ChannelRates(Channel.Email, M(34m), 0.30, 0.90, platformPerContact: M(0.02m)),
            new ChannelRates(Channel.Chat, M(34m), 0.30, 0.80, concurrency: 2.0, platformPerContact: M(0.05m)),
            new ChannelRates(Channel.Messaging, M(34m), 0.30, 0.80, concurrency: 2.5, platformPerContact: M(0.04m)),
            new ChannelRates(Channel.Social, M(34m), 0.30, 0.80, concurrency: 1.5, platformPerContact: M(0.05m)),
            new ChannelRates(Channel.SelfService, M(0m), 0, 1, platformPerContact: M(0.02m)),
            new ChannelRates(Channel.Chatbot, M(0m), 0, 1, botPerContact: M(0.30m)),
            new ChannelRates(Channel.Ivr, M(0m), 0, 1, telephonyPerMinute: M(0.012m), ivrPerMinute: M(0.004m)),
        ],
        [new OverheadPool("facilities", M(2_000_000m), OverheadBasis.HandleTime)]);
    }
}
