using System.CommandLine;
using ContactMetrics.Reporting;
using ContactMetrics.Cli.Output;
using ContactMetrics.Clv;
using ContactMetrics.Numerics;
using NodaTime.Text;

namespace ContactMetrics.Cli.Commands;

/// <summary><c>contactmetrics clv fit</c> and <c>clv predict</c>: CLV models fitted to an rfm summary or to a purchase log summarised at a calibration end.</summary>
internal static class ClvCommand
{
    public static Command Create(CliConsole console)
    {
        var clv = new Command("clv", "Customer lifetime value models (BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma).");
        clv.Add(CreateFit(console));
        clv.Add(ClvPredictCommand.Create(console));
        return clv;
    }

    private static Command CreateFit(CliConsole console)
    {
        var common = new CommonOptions();
        var input = new ClvInput();
        var model = new Option<string>("--model") { Description = "bg-nbd, pareto-nbd, mbg-nbd or gamma-gamma.", Required = true };
        var command = new Command("fit", "Fit a CLV model by maximum likelihood; prints its parameters with standard errors and the log-likelihood.")
        {
            model,
        };
        input.AddTo(command);
        common.AddTo(command);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(model)!.ToLowerInvariant();
            _ = OptionParsing.ParseName("--model", name, ClvFigures.FitModelNames.ToDictionary(n => n), "model");
            var (summary, source) = input.Read(parse, console, currencyRequired: false);
            var unit = summary.Period;
            if (name != "gamma-gamma" && !summary.Frequency.Any(x => x > 0))
            {
                throw new CliInputException($"no customer has a repeat purchase, so {name} cannot be fitted (its purchase rate and dropout are not identified); use a longer calibration period or more customers. Data: {source}");
            }
            var (estimates, logLikelihood, diagnostics, fitted) = console.Progress($"Fitting {name}", () => Fit(name, summary, source));
            if (!diagnostics.Converged)
            {
                // Fit failure is a result: the diagnostics are printed with converged = false, and the user is told.
                console.Error.WriteLine($"contactmetrics: warning: the {name} fit did not converge ({CliApp.OneLine(diagnostics.Message)}); the estimates are the last iterate, not maximum-likelihood estimates.");
            }

            common.Write(parse, ClvFigures.Fit(name, estimates, logLikelihood, diagnostics, fitted, unit, source), console);
            return CliApp.Success;
        });
        return command;
    }

    private static (IReadOnlyList<ParameterEstimate> Estimates, double LogLikelihood, FitDiagnostics Diagnostics, int Customers) Fit(string model, RfmSummary summary, string source)
    {
        try
        {
            return ClvFigures.FitModel(model, summary);
        }
        catch (ArgumentException e) when (e.ParamName is "summary" or "data")
        {
            // The models' data preconditions (no repeat buyers with spend, one customer, no spend variance) are input errors.
            throw new CliInputException($"{CliApp.WithoutParameter(e)} Data: {source}");
        }
    }
}
