using System.CommandLine;
using ContactMetrics.Cli.Commands;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Reporting;

namespace ContactMetrics.Cli;

/// <summary>The entry point of the <c>contactmetrics</c> tool.</summary>
public static class CliApp
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a run that failed for another reason than its input (a bug, an I/O failure).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a run whose input or arguments were invalid; stderr names the file, line and column.</summary>
    public const int InvalidInput = 2;

    /// <summary>Runs the tool with the process's console.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The exit code: 0 success, 2 invalid input or arguments, 1 anything else.</returns>
    public static int Run(string[] args) => Run(args, CliConsole.FromProcess());

    /// <summary>Runs the tool with the given console (tests capture its output this way).</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="console">Where output, errors and progress go.</param>
    /// <returns>The exit code: 0 success, 2 invalid input or arguments, 1 anything else.</returns>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = BuildRootCommand(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"contactmetrics: {error.Message}");
            }
            console.Error.WriteLine("Run 'contactmetrics --help' for usage.");
            return InvalidInput;
        }
        try
        {
            var config = new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            };
            return parse.Invoke(config);
        }
        catch (Exception e) when (IsInputError(e))
        {
            console.Error.WriteLine($"contactmetrics: {e.Message}");
            return InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"contactmetrics: {e.Message}");
            return Failure;
        }
    }

    private static bool IsInputError(Exception e) =>
        e is CliInputException or TableFormatException or CostRatesFormatException or ReportDataException or InvalidRecordException or CurrencyMismatchException
            or FileNotFoundException or DirectoryNotFoundException;

    internal static RootCommand BuildRootCommand(CliConsole console)
    {
        var root = new RootCommand("ContactMetrics: turn contact-center data into money (KPIs, CLV, retention uplift, cost-to-serve, staffing, attribution).");
        root.Add(DemoCommand.Create(console));
        root.Add(ValidateCommand.Create(console));
        root.Add(KpisCommand.Create(console));
        root.Add(SummarizeCommand.Create(console));
        root.Add(StaffingCommand.Create(console));
        root.Add(CostCommand.Create(console));
        root.Add(ClvCommand.Create(console));
        root.Add(AttributionCommand.Create(console));
        root.Add(RetentionCommand.Create(console));
        root.Add(ReportCommand.Create(console));
        return root;
    }
}
