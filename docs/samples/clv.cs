#:project ../../src/ContactMetrics/ContactMetrics.csproj
#:project ../../src/ContactMetrics.Simulation/ContactMetrics.Simulation.csproj

// Customer lifetime value: BG/NBD (how often, how long) x Gamma-Gamma (how much), then the
// expected 3-year value of each customer.
// Run: dotnet run docs/samples/clv.cs                                  (a simulated center with planted BG/NBD parameters)
//      dotnet run docs/samples/clv.cs -- ../shared/data/CDNOW_sample.txt (the CDNOW log, calibration to 1997-09-30)
using System.Globalization;
using ContactMetrics.Clv;
using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using NodaTime;
using NodaTime.Text;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

RfmSummary summary;
if (args.Length > 0)
{
    // A CDNOW-style log: "customer [sample id] yyyyMMdd cds dollars" per line; the header line is skipped.
    var ids = new List<CustomerId>();
    var dates = new List<LocalDate>();
    var amounts = new List<decimal>();
    foreach (string line in File.ReadLines(args[0]))
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 4 || !LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd").Parse(f[^3]).TryGetValue(default, out var date))
        {
            continue;
        }
        ids.Add(new CustomerId(f[0]));
        dates.Add(date);
        amounts.Add(decimal.Parse(f[^1], CultureInfo.InvariantCulture));
    }
    summary = RfmSummaryBuilder.Build(ids.ToArray(), dates.ToArray(), amounts.ToArray(), new RfmSummaryOptions(new LocalDate(1997, 9, 30)), Currency.Usd);
    Console.WriteLine($"{args[0]}: {ids.Count:N0} purchases of {summary.Count:N0} customers, calibration to 1997-09-30, weeks");
}
else
{
    // Without churn the simulated purchases follow BG/NBD exactly, with the CDNOW estimates planted.
    var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 11, Customers = 6_000, InitialCustomerShare = 1.0, Churn = ChurnOptions.None });
    var planted = center.Options.Purchases;
    summary = RfmSummaryBuilder.Build(center.Purchases, new RfmSummaryOptions(center.Options.EndDate) { TimeZone = center.Options.TimeZone });
    Console.WriteLine($"Simulated: {center.Purchases.Count:N0} purchases of {summary.Count:N0} customers; planted r {planted.R}, alpha {planted.Alpha}, a {planted.A}, b {planted.B}");
}

// BG/NBD on the compressed (x, t_x, T) rows; TryFit reports non-convergence instead of throwing.
if (!BetaGeometricNbdModel.TryFit(summary.Compress(), out var transactions))
{
    Console.WriteLine($"BG/NBD did not converge: {transactions.Diagnostics}");
    return 1;
}
Console.WriteLine($"BG/NBD: {string.Join(", ", transactions.Estimates.Select(e => $"{e.Name} {e.Value:0.000} (se {e.StandardError:0.000})"))}, LL {transactions.LogLikelihood:0.0}");

var spend = GammaGammaModel.Fit(summary);
Console.WriteLine($"Gamma-Gamma ({spend.Customers:N0} repeat buyers): {string.Join(", ", spend.Estimates.Select(e => $"{e.Name} {e.Value:0.00} (se {e.StandardError:0.00})"))}");

// Value: 30% margin, 3 years in quarterly steps (13 weeks), 10% a year discount.
var model = new BgNbdGammaGammaValueModel(transactions.Model, spend.Model, margin: 0.30);
var horizon = new ValuationHorizon(12, ValuationHorizon.RateForPeriod(0.10, 7 * 13)) { PeriodLength = 13 };
var values = model.CustomerValues(summary, horizon);
var total = Money.Sum(values, summary.Currency);
Console.WriteLine($"3-year CLV: total {Math.Round(total.Amount, 0):N0} {total.Currency}, mean {Math.Round(total.Amount / values.Length, 2)} {total.Currency} per customer");

// The most valuable customers, with P(alive) and the expected purchases in the next 52 weeks.
var bg = transactions.Model;
Console.WriteLine("Top 5 customers:");
foreach (int i in Enumerable.Range(0, summary.Count).OrderByDescending(i => values[i].Amount).Take(5))
{
    int x = summary.Frequency[i];
    double tx = summary.Recency[i], age = summary.Age[i];
    Console.WriteLine($"  {summary.CustomerIds[i]}: x {x}, t_x {tx:0.0}, T {age:0.0}, P(alive) {bg.ProbabilityAlive(x, tx, age):0.000}, "
        + $"next 52 weeks {bg.ConditionalExpectedTransactions(52, x, tx, age):0.00} purchases, CLV {Math.Round(values[i].Amount, 2)} {values[i].Currency}");
}
return 0;
