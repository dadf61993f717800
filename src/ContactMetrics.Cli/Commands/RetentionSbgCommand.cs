using System.CommandLine;
using ContactMetrics.Reporting;
using System.Globalization;
using ContactMetrics.Cli.Output;
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
            var counts = new List<double>();
            foreach (string part in CliParsing.ParseList(parse.GetValue(survivors)))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= 0) || double.IsInfinity(v))
                {
                    throw new CliInputException($"--survivors: '{part}' is not a count of at least 0.");
                }
                counts.Add(v);
            }
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
            var model = fit.Model;

            var output = new FigureSheet();
            var section = output.Add("fit", "Shifted-beta-geometric fit");
            section.Fact("parameters", "Parameters", fit.Estimates.ToDictionary(e => e.Name, e => (object?)e.Value))
                .Fact("standardErrors", "Standard errors", fit.Estimates.ToDictionary(e => e.Name, e => (object?)e.StandardError))
                .Fact("logLikelihood", "Log-likelihood", fit.LogLikelihood)
                .Fact("converged", "Converged", fit.Diagnostics.Converged)
                .Fact("discountRate", "Discount rate per period", d)
                .Fact("derlNewCustomer", "DERL of a new customer (periods)", model.DiscountedExpectedResidualLifetime(0, d));
            var projection = output.Add("projection", "Projected survival and retention");
            projection.Note = "Survival = share of the cohort still active at the start of period t; retention = share of those active at t-1 who renew at t; DERL = discounted expected residual lifetime of a customer who has renewed t-1 times (Fader & Hardie 2010).";
            var table = projection.SetTable("periods",
                new FigureColumn("period", "Period", true),
                new FigureColumn("observed", "Observed", true),
                new FigureColumn("survival", "Survival", true),
                new FigureColumn("retentionRate", "Retention", true),
                new FigureColumn("derl", "DERL", true));
            for (int t = 0; t <= periods; t++)
            {
                table.Row(t, t < counts.Count ? new Fraction(counts[t] / counts[0]) : null, new Fraction(model.Survival(t)),
                    t == 0 ? null : new Fraction(model.RetentionRate(t)), t == 0 ? null : model.DiscountedExpectedResidualLifetime(t - 1, d));
            }
            common.Write(parse, output, console);
            return CliApp.Success;
        });
        return command;
    }
}
