using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.CostToServe;
using ContactMetrics.Data;
using ContactMetrics.Tables;

namespace ContactMetrics.Cli.Commands;

/// <summary>
/// <c>contactmetrics cost</c>: cost-to-serve from an interactions table and a rates file — per contact, per
/// resolution (repeat chain) and per channel, segment, reason or customer — with the totals by activity.
/// </summary>
internal static class CostCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var interactions = new Option<string>("--interactions") { Description = "The interactions table (CSV or Parquet; with --engine duckdb also a folder or glob of them).", HelpName = "FILE", Required = true };
        var engine = Engines.Option("memory (read every row, validated) or duckdb (embedded DuckDB, out of core; trusts the rows: validate first). Same figures.");
        var rates = new Option<string>("--rates") { Description = "The rates file (JSON: currency, channel rates, overheads; see docs/models/cost-to-serve.md).", HelpName = "FILE", Required = true };
        var customers = new Option<string?>("--customers") { Description = "The customers table; needed for --by segment.", HelpName = "FILE" };
        var by = new Option<string>("--by") { Description = "Break down by channel, segment, reason or customer.", DefaultValueFactory = _ => "channel" };
        var repeats = new RepeatOptions();
        var skipInvalid = CommonOptions.SkipInvalid();
        var command = new Command("cost", "Cost-to-serve: cost per contact, per resolution (repeat chain) and per channel, segment, reason or customer, from a rates file.")
        {
            interactions, rates, customers, engine, by, repeats.Window, repeats.AnyReason, repeats.SameChannel, skipInvalid,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            var dimension = OptionParsing.ParseName("--by", parse.GetValue(by)!, CostFigures.DimensionNames, "dimension");
            string? customersPath = parse.GetValue(customers);
            if (dimension == CostDimension.Segment && customersPath is null)
            {
                throw new CliInputException("--by segment needs --customers FILE (the customers table has the segments).");
            }
            var repeat = repeats.Read(parse);
            string ratesPath = parse.GetValue(rates)!;
            var model = CostRatesFile.Read(ratesPath);

            string interactionsPath = parse.GetValue(interactions)!;
            CostToServeResult result;
            try
            {
                if (Engines.IsDuckDb(parse, engine, parse.GetValue(skipInvalid)))
                {
                    result = console.Progress("Computing cost-to-serve (DuckDB)", () => Engines.Run(duck =>
                    {
                        duck.AttachInteractions(interactionsPath);
                        if (customersPath is not null)
                        {
                            duck.AttachCustomers(customersPath);
                        }
                        return duck.Cost(model, repeat);
                    }));
                }
                else
                {
                    var table = TableInput.ReadInteractionTable(interactionsPath, customersPath, parse.GetValue(skipInvalid), console);
                    result = console.Progress("Computing cost-to-serve", () => CostToServeCalculator.Compute(table, model, repeat));
                }
            }
            catch (ArgumentException e) when (e.ParamName == "model")
            {
                throw new CliInputException($"{ratesPath}: {CliApp.WithoutParameter(e)}");
            }
            common.Write(parse, CostFigures.Of(result, dimension), console);
            return CliApp.Success;
        });
        return command;
    }
}
