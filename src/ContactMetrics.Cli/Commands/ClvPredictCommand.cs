using System.CommandLine;
using ContactMetrics.Reporting;
using System.Globalization;
using ContactMetrics.Cli.Output;
using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics clv predict</c>: fits a transaction model (BG/NBD or Pareto/NBD) and the Gamma-Gamma spend
/// model, then prints per customer P(alive), expected purchases and spend over the horizon and CLV (the
/// discounted expected margin), the totals as money, and with a holdout period the holdout check.
/// </summary>
internal static class ClvPredictCommand
{
    /// <summary>The longest horizon valued, in days (10 years).</summary>
    internal const double MaxHorizonDays = 3652.5;

    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var input = new ClvInput();
        var model = new Option<string>("--model") { Description = "Transaction model: bg-nbd or pareto-nbd (spend is always Gamma-Gamma).", DefaultValueFactory = _ => "bg-nbd" };
        var horizon = new Option<int>("--horizon") { Description = "Horizon in periods of --period (156 weeks = 3 years).", HelpName = "N", Required = true };
        var discount = new Option<double>("--discount-rate") { Description = "Annual discount rate (0.1 = 10% a year), compounded per period.", HelpName = "R", Required = true };
        var margin = new Option<double>("--margin") { Description = "Profit margin on spend, 0-1 (0.3 = 30%).", HelpName = "M", Required = true };
        var top = new Option<int?>("--top") { Description = "List only the N customers of highest CLV (ties by customer id); the totals stay over every customer.", HelpName = "N" };
        var command = new Command("predict", "Per-customer P(alive), expected purchases and spend over a horizon, and CLV as the discounted expected margin; totals as money.")
        {
            model, horizon, discount, margin, top,
        };
        input.AddTo(command);
        common.AddTo(command);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(model)!.ToLowerInvariant();
            if (name is not ("bg-nbd" or "pareto-nbd"))
            {
                throw new CliInputException($"--model: '{name}' cannot predict value here; use bg-nbd or pareto-nbd.");
            }
            int periods = parse.GetValue(horizon);
            if (periods < 1)
            {
                throw new CliInputException($"--horizon: must be at least 1 period; was {periods}.");
            }
            double annualRate = parse.GetValue(discount);
            if (!(annualRate >= 0 && annualRate < 10))
            {
                throw new CliInputException($"--discount-rate: an annual rate from 0 (0%) below 10 (1000%); was {annualRate.ToString(CultureInfo.InvariantCulture)}.");
            }
            if (parse.GetValue(top) is int n && n < 1)
            {
                throw new CliInputException($"--top: at least 1 customer; was {n}.");
            }
            double m = parse.GetValue(margin);
            if (!(m >= 0 && m <= 1))
            {
                throw new CliInputException($"--margin: a fraction from 0 to 1 (0.3 = 30%); was {m.ToString(CultureInfo.InvariantCulture)}.");
            }
            var (summary, source) = input.Read(parse, console, currencyRequired: true);
            if (!summary.Frequency.Any(x => x > 0))
            {
                throw new CliInputException("The customers have no repeat purchases, so neither the transaction model nor the spend model can be fitted.");
            }
            double periodDays = summary.Period.Days();
            // Bounded work: the valuation sums every period for every customer (CDNOW's 2,357 customers take 76 s over
            // 100 years of weeks), so the horizon is at most 10 years, checked before any fit.
            int maxPeriods = (int)Math.Floor(MaxHorizonDays / periodDays);
            if (periods > maxPeriods)
            {
                throw new CliInputException($"--horizon: at most {maxPeriods} periods of a {summary.Period.ToString().ToLowerInvariant()} (10 years); was {periods}. Value customers over at most 10 years (later cash flows are discounted away).");
            }
            var valuation = new ValuationHorizon(periods, ValuationHorizon.RateForPeriod(annualRate, periodDays));
            var forecast = console.Progress($"Fitting {name} and Gamma-Gamma, valuing {summary.Count:N0} customers", () => ClvForecast.Compute(name == "pareto-nbd" ? ClvTransactionModel.ParetoNbd : ClvTransactionModel.BgNbd, summary, valuation, m));

            string unit = summary.Period.ToString().ToLowerInvariant();
            var currency = summary.Currency;
            var output = new FigureSheet();
            var fitSection = output.Add("transactions", $"{forecast.Transactions.Name} fit");
            fitSection.Note = source;
            fitSection.Fact("model", "Model", name)
                .Fact("parameters", "Parameters", forecast.TransactionEstimates.ToDictionary(e => e.Name, e => (object?)e.Value))
                .Fact("standardErrors", "Standard errors", forecast.TransactionEstimates.ToDictionary(e => e.Name, e => (object?)e.StandardError))
                .Fact("logLikelihood", "Log-likelihood", forecast.TransactionLogLikelihood);
            var spendSection = output.Add("spend", "Gamma-Gamma spend fit");
            spendSection.Note = $"{forecast.Spend.Customers:N0} customers with repeat purchases and a positive mean spend.";
            spendSection.Fact("model", "Model", "gamma-gamma")
                .Fact("parameters", "Parameters", forecast.Spend.Estimates.ToDictionary(e => e.Name, e => (object?)e.Value))
                .Fact("standardErrors", "Standard errors", forecast.Spend.Estimates.ToDictionary(e => e.Name, e => (object?)e.StandardError))
                .Fact("logLikelihood", "Log-likelihood", forecast.Spend.LogLikelihood);

            var values = output.Add("value", "Customer value");
            values.Note = $"CLV = margin x expected spend per purchase x expected purchases in each {unit}, discounted at the end of the {unit}; "
                + $"{periods} {unit}s, {annualRate.ToString("P1", CultureInfo.InvariantCulture)} a year = {valuation.DiscountRatePerPeriod.ToString("P4", CultureInfo.InvariantCulture)} a {unit}, margin {m.ToString("P1", CultureInfo.InvariantCulture)}.";
            values.Fact("customers", "Customers", summary.Count)
                .Fact("horizonPeriods", "Horizon (periods)", periods)
                .Fact("period", "Period", unit)
                .Fact("discountRate", "Discount rate (annual)", new Fraction(annualRate))
                .Fact("discountRatePerPeriod", "Discount rate per period", new Fraction(valuation.DiscountRatePerPeriod))
                .Fact("margin", "Margin", new Fraction(m))
                .Fact("expectedPurchases", "Expected purchases", forecast.ExpectedPurchases.Sum())
                .Fact("totalClv", "Total CLV", Sum(forecast.Values, currency))
                .Fact("meanClv", "Mean CLV", Sum(forecast.Values, currency) / summary.Count);

            var listed = output.Add("customers", "Customers");
            IEnumerable<int> rows = Enumerable.Range(0, summary.Count);
            if (parse.GetValue(top) is int count)
            {
                rows = rows.OrderByDescending(i => forecast.Values[i].Amount).ThenBy(i => summary.CustomerIds[i].Value, StringComparer.Ordinal).Take(count);
                listed.Note = $"The {Math.Min(count, summary.Count):N0} of {summary.Count:N0} customers of highest CLV (--top {count}); the totals above are over every customer.";
            }
            FigureColumn[] columns =
            [
                new("customerId", "Customer"),
                new("frequency", "x", true),
                new("recency", "t_x", true),
                new("T", "T", true),
                new("monetaryValue", "Mean spend", true),
                new("pAlive", "P(alive)", true),
                new("expectedPurchases", "E[purchases]", true),
                new("expectedSpend", "E[spend]/purchase", true),
                new("clv", "CLV", true),
            ];
            if (parse.GetValue(common.Format) == OutputFormat.Csv && parse.GetValue(common.Out) is null)
            {
                // CSV on standard output is the customer table alone: written straight from the columns, with no boxed
                // table in between (235,700 customers: 2.1 million cells), byte for byte as the table would be.
                console.PrintedSheet = output;
                var csv = new SpanCsvWriter(console.Out, parse.GetValue(common.RawCsv));
                csv.Header(columns);
                foreach (int i in rows)
                {
                    csv.Text(summary.CustomerIds[i].Value);
                    csv.Number(summary.Frequency[i]);
                    csv.Number(summary.Recency[i]);
                    csv.Number(summary.Age[i]);
                    csv.Number(summary.MonetaryValue[i]);
                    csv.Number(forecast.ProbabilityAlive[i]);
                    csv.Number(forecast.ExpectedPurchases[i]);
                    csv.Number(Money.FromDouble(forecast.ExpectedSpend[i], currency).Amount);
                    csv.Number(forecast.Values[i].Amount);
                    csv.EndRow();
                }
                csv.Flush();
                return CliApp.Success;
            }
            var table = listed.SetTable("customers", columns);
            foreach (int i in rows)
            {
                table.Row(summary.CustomerIds[i].Value, summary.Frequency[i], summary.Recency[i], summary.Age[i], summary.MonetaryValue[i],
                    forecast.ProbabilityAlive[i], forecast.ExpectedPurchases[i], Money.FromDouble(forecast.ExpectedSpend[i], currency), forecast.Values[i]);
            }

            if (summary.HasHoldout && summary.HoldoutLength > 0)
            {
                var check = HoldoutCheck.Compute(forecast.Transactions, summary);
                var holdout = output.Add("holdout", "Holdout check");
                holdout.Note = $"Transactions in the {check.HoldoutLength.ToString("0.##", CultureInfo.InvariantCulture)} {unit}s after the calibration end, by calibration frequency x: actual against {check.Model}'s E[Y(t) | x, t_x, T].";
                holdout.Fact("holdoutLength", "Holdout length", check.HoldoutLength)
                    .Fact("actualTransactions", "Actual transactions", check.ActualTransactions)
                    .Fact("predictedTransactions", "Predicted transactions", check.PredictedTransactions);
                var groups = holdout.SetTable("groups",
                    new FigureColumn("frequency", "x"),
                    new FigureColumn("customers", "Customers", true),
                    new FigureColumn("actualMean", "Actual mean", true),
                    new FigureColumn("predictedMean", "Predicted mean", true),
                    new FigureColumn("actualTotal", "Actual", true),
                    new FigureColumn("predictedTotal", "Predicted", true));
                foreach (var g in check.Groups)
                {
                    groups.Row(g.Label, g.Customers, g.ActualMean, g.PredictedMean, g.ActualTransactions, g.PredictedTransactions);
                }
            }
            common.Write(parse, output, console);
            return CliApp.Success;
        });
        return command;
    }

    private static Money Sum(IReadOnlyList<Money> values, Currency currency)
    {
        decimal total = 0;
        foreach (var v in values)
        {
            total += v.Amount;
        }
        return new Money(total, currency);
    }
}
