using System.CommandLine;
using ContactMetrics.Reporting;
using System.Globalization;
using ContactMetrics.Cli.Output;
using ContactMetrics.Clv;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics clv predict</c>: fits a transaction model (BG/NBD or Pareto/NBD) and the Gamma-Gamma spend
/// model, then prints per customer P(alive), expected purchases and spend over the horizon and CLV (the
/// discounted expected margin), the totals as money, and with a holdout period the holdout check.
/// </summary>
internal static class ClvPredictCommand
{
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
            var (periods, annualRate, m) = (parse.GetValue(horizon), parse.GetValue(discount), parse.GetValue(margin));
            var transactionModel = ClvFigures.CheckForecastInputs(name, periods, annualRate, m, parse.GetValue(top));
            var (summary, source) = input.Read(parse, console, currencyRequired: true);
            if (!summary.Frequency.Any(x => x > 0))
            {
                throw new CliInputException("The customers have no repeat purchases, so neither the transaction model nor the spend model can be fitted.");
            }
            var valuation = ClvFigures.ForecastHorizon(periods, annualRate, summary.Period);
            var forecast = console.Progress($"Fitting {name} and Gamma-Gamma, valuing {summary.Count:N0} customers", () => ClvForecast.Compute(transactionModel, summary, valuation, m));

            // The customer table as CSV (on standard output, in --out FILE.csv) is written straight from the columns, with no
            // sheet or boxed table in between (235,700 customers: 2.1 million cells), byte for byte as the table would be.
            var (fmt, outPath, raw) = (parse.GetValue(common.Format), parse.GetValue(common.Out), parse.GetValue(common.RawCsv));
            if (OutputWriter.IsCsv(outPath))
            {
                OutputWriter.WriteText(outPath!, writer => ClvFigures.WriteForecastCsv(writer, forecast, summary, parse.GetValue(top), raw));
            }
            if (fmt == OutputFormat.Csv && (outPath is null || OutputWriter.IsCsv(outPath)))
            {
                ClvFigures.WriteForecastCsv(console.Out, forecast, summary, parse.GetValue(top), raw);
                return CliApp.Success;
            }
            var output = ClvFigures.Forecast(name, forecast, summary, source, valuation, annualRate, m, parse.GetValue(top));
            OutputWriter.Write(output, fmt, OutputWriter.IsCsv(outPath) ? null : outPath, console, raw);
            return CliApp.Success;
        });
        return command;
    }
}
