using System.CommandLine;
using ContactMetrics.Reporting;
using System.Globalization;
using ContactMetrics.Clv;

namespace ContactMetrics.Cli.Commands;

/// <summary><c>contactmetrics retention sbg</c>: the shifted-beta-geometric model from cohort survivor counts.</summary>
internal static class RetentionSbgCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var survivors = new Option<string>("--survivors") { Description = "Customers still active at the start of periods 0, 1, 2, ... (comma-separated), e.g. 1000,631,468,382.", Required = true };
        var horizon = new Option<int>("--horizon") { Description = "Periods to project survival and retention for.", DefaultValueFactory = _ => 12 };
        var discount = new Option<double>("--discount-rate") { Description = "Discount rate per period for DERL.", DefaultValueFactory = _ => 0.1 };
        var command = new Command("sbg", "Fit the shifted-beta-geometric retention model (Fader & Hardie 2007) to survivor counts; project survival, retention and DERL.")
        {
            survivors, horizon, discount,
        };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            var counts = OptionParsing.ParseNumbers("--survivors", parse.GetValue(survivors), "a count of at least 0");
            if (counts.Count < 3)
            {
                throw new CliInputException("--survivors needs at least three counts (the cohort and two later periods).");
            }
            for (int i = 1; i < counts.Count; i++)
            {
                if (counts[i] > counts[i - 1])
                {
                    throw new CliInputException($"--survivors: a cohort cannot grow; period {i} has {counts[i]} after {counts[i - 1]}.");
                }
            }
            int periods = parse.GetValue(horizon);
            if (periods < 1 || periods > 1000)
            {
                throw new CliInputException($"--horizon must be in 1-1000; was {periods}.");
            }
            double d = parse.GetValue(discount);
            if (!(d > 0) || double.IsInfinity(d))
            {
                throw new CliInputException($"--discount-rate must be greater than 0; was {d.ToString(CultureInfo.InvariantCulture)}.");
            }
            var fit = ShiftedBetaGeometricModel.Fit(counts.ToArray());
            common.Write(parse, SbgFigures.Of(fit, counts, periods, d), console);
            return CliApp.Success;
        });
        return command;
    }
}
