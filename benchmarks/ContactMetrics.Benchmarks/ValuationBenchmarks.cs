using BenchmarkDotNet.Attributes;
using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// The AHT line of a business case under a Monte Carlo of 1,000 draws of the reduction (PERT 5-15-25 s) on an
/// average week of 336 half-hours (2-60 contacts each, AHT 300 s, 80/20, 30% shrinkage). The baseline runs
/// StaffingPlanner for every draw, as a Monte Carlo around the staffing model would naively do; the library
/// staffs 44 reductions once and interpolates.
/// </summary>
public class ValuationAhtBenchmarks
{
    private const int Draws = 1_000;
    private StaffingProfile _profile = null!;
    private StaffingPlanner _planner = null!;
    private UncertainInput _reduction = null!;
    private UncertainInput _fteCost = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20_261_129);
        var contacts = new double[7 * 48];
        for (int i = 0; i < contacts.Length; i++)
        {
            double hour = (i % 48) / 2.0;
            contacts[i] = hour is >= 8 and < 20 ? 20 + (40 * random.NextDouble()) : 2 + (3 * random.NextDouble());
        }
        _profile = new StaffingProfile(contacts, Duration.FromMinutes(30), Duration.FromSeconds(300), Duration.FromHours(36), "benchmark week");
        _planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.8, Duration.FromSeconds(20)), shrinkage: 0.3);
        _reduction = UncertainInput.Assumed("AHT reduction", "seconds", 15, 5, 25, "benchmark", minimum: 0);
        _fteCost = UncertainInput.AssumedMoney("loaded cost per FTE", "a year", new Money(52_000m, Currency.Eur), new Money(46_000m, Currency.Eur), new Money(60_000m, Currency.Eur), "benchmark");
    }

    [Benchmark(Baseline = true)]
    public double PlannerPerDraw()
    {
        var random = new Random(7);
        double baseline = _profile.Fte(_planner);
        double sum = 0;
        for (int i = 0; i < Draws; i++)
        {
            double z = _reduction.Sample(random);
            double cost = _fteCost.Sample(random);
            sum += (baseline - _profile.Fte(_planner, Duration.FromSeconds(300 - z))) * cost;
        }
        return sum / Draws;
    }

    [Benchmark]
    public decimal PrecomputedCurve()
    {
        var line = ValueMechanisms.AhtReduction(_profile, _planner, _reduction, _fteCost);
        return new BusinessCase("AHT", Currency.Eur, [line]).Analyze(Draws, seed: 7).Total.Mean.Amount;
    }
}

/// <summary>
/// The FCR business case (two lines sharing the FCR gain, seven inputs) under 10,000 Monte Carlo draws. The baseline
/// is the same computation written out by hand for this one case: draw the seven inputs, multiply, sum, sort for the
/// percentiles. The library adds the generic parts: lines as delegates, inputs shared by name, per-line distributions.
/// </summary>
public class ValuationMonteCarloBenchmarks
{
    private const int Draws = 10_000;
    private UncertainInput[] _inputs = [];
    private BusinessCase _case = null!;

    [GlobalSetup]
    public void Setup()
    {
        var eur = Currency.Eur;
        var contacts = UncertainInput.Assumed("contacts", "a year", 1_200_000, 1_100_000, 1_300_000, "b", minimum: 0);
        var gain = UncertainInput.AssumedShare("FCR gain", 0.05, 0.03, 0.07, "b");
        var repeats = new UncertainInput("repeats", "contacts", 0.57, 0.55, 0.59, 0.95, SamplingDistribution.Normal, InputSource.Assumed("b"), null, -1, 1);
        var cost = UncertainInput.AssumedMoney("cost per contact", "each", new Money(6.6m, eur), new Money(5.3m, eur), new Money(8m, eur), "b");
        var customers = UncertainInput.Exact("customers", "a year", 200_000, InputSource.Assumed("b"));
        var uplift = new UncertainInput("uplift", "share", 0.084, 0.067, 0.101, 0.95, SamplingDistribution.Normal, InputSource.Assumed("b"), null, -1, 1);
        var value = new UncertainInput("value", "EUR", 300, 260, 340, 0.95, SamplingDistribution.Normal, InputSource.Assumed("b"), eur, 0);
        _inputs = [contacts, gain, repeats, cost, customers, uplift, value];
        _case = new BusinessCase("FCR", eur, [
            ValueMechanisms.RepeatContactsAvoided(contacts, gain, repeats, cost),
            ValueMechanisms.ChurnAvoidedByFcr(customers, uplift, gain, value),
        ]);
    }

    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        var random = new Random(3);
        var totals = new double[Draws];
        var first = new double[Draws];
        var second = new double[Draws];
        var x = new double[_inputs.Length];
        for (int i = 0; i < Draws; i++)
        {
            for (int k = 0; k < x.Length; k++)
            {
                x[k] = _inputs[k].Sample(random);
            }
            first[i] = x[0] * x[1] * x[2] * x[3];
            second[i] = x[4] * x[5] * x[1] * x[6];
            totals[i] = first[i] + second[i];
        }
        Array.Sort(first);
        Array.Sort(second);
        Array.Sort(totals);
        return totals[Draws / 10] + totals[Draws / 2] + totals[9 * Draws / 10] + first[Draws / 2] + second[Draws / 2];
    }

    [Benchmark]
    public decimal Library() => _case.Analyze(Draws, seed: 3).Total.P50.Amount;
}
