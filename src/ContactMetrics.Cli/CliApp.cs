using System.CommandLine;
using ContactMetrics.Cli.Commands;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Numerics;
using ContactMetrics.Reporting;

namespace ContactMetrics.Cli;

/// <summary>The entry point of the <c>contactmetrics</c> tool.</summary>
public static partial class CliApp
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
    public static int Run(string[] args, CliConsole console) => Run(args, console, BuildRootCommand(console));

    /// <summary>Runs the given command tree under the exit contract (tests pass a tree with a failing command).</summary>
    internal static int Run(string[] args, CliConsole console, RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var verbose = new Option<bool>("--verbose")
        {
            Description = "On a failure that is a bug (exit code 1), print the full exception trace on stderr.",
            Recursive = true,
        };
        root.Add(verbose);
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception e)
        {
            return Bug(e, Array.IndexOf(args, "--verbose") >= 0, console);
        }
        if (parse.Errors.Count > 0)
        {
            // One line, as the exit contract promises, however many errors the parser found.
            string errors = string.Join("; ", parse.Errors.Select(e => InWords(OneLine(e.Message)).TrimEnd('.')));
            console.Error.WriteLine($"contactmetrics: {errors}. Run 'contactmetrics --help' for usage.");
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
            console.ReadOptions = ReadingOptions.Parse(parse);
            return parse.Invoke(config);
        }
        catch (Exception e) when (IsInputError(Unwrap(e)))
        {
            console.Error.WriteLine($"contactmetrics: {InputMessage(Unwrap(e))}");
            return InvalidInput;
        }
        catch (Exception e) when (Unwrap(e) is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"contactmetrics: {OneLine(Unwrap(e).Message)}");
            return Failure;
        }
        catch (Exception e)
        {
            return Bug(e, parse.GetValue(verbose), console);
        }
    }

    /// <summary>
    /// The exit contract's last line of defence: anything not classified as bad input is a bug in the tool.
    /// It is reported in one line (exit code 1), with the trace only when asked for, never as an unhandled exception.
    /// </summary>
    private static int Bug(Exception e, bool verbose, CliConsole console)
    {
        var inner = Unwrap(e);
        console.Error.WriteLine($"contactmetrics: internal error ({inner.GetType().Name}): {OneLine(inner.Message)} This is a bug; run with --verbose for the trace and report it.");
        if (verbose)
        {
            console.Error.WriteLine(e.ToString());
        }
        return Failure;
    }

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0])
        : e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? Unwrap(inner)
        : e;

    /// <summary>
    /// The parser's "cannot parse ... as expected type 'System.Nullable`1[System.Int32]'" in words ("as a whole number"):
    /// no .NET type name reaches the user.
    /// </summary>
    internal static string InWords(string message) => ExpectedType().Replace(message, m => m.Groups[1].Value switch
    {
        var t when t.Contains("Int", StringComparison.Ordinal) => "as a whole number",
        var t when t.Contains("Double", StringComparison.Ordinal) || t.Contains("Decimal", StringComparison.Ordinal) || t.Contains("Single", StringComparison.Ordinal) => "as a number",
        var t when t.Contains("Boolean", StringComparison.Ordinal) => "as true or false",
        var t => "as " + t[(t.LastIndexOf('.') + 1)..].TrimEnd(']'),
    });

    [System.Text.RegularExpressions.GeneratedRegex("as expected type '([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex ExpectedType();

    /// <summary>Keeps an error on one line of stderr (some exception messages, such as ArgumentOutOfRangeException's, span two).</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool IsInputError(Exception e) =>
        e is CliInputException or OptionValueException or TableFormatException or CostRatesFormatException or ReportDataException or InvalidRecordException or CurrencyMismatchException
            or FileNotFoundException or DirectoryNotFoundException or ModelFitException || IsDataPrecondition(e);

    /// <summary>
    /// A model's precondition on the data it is given (parameter <c>summary</c>, <c>data</c> or <c>table</c>: one customer, no
    /// repeat buyers, no spend variance, no event, more KPI groups than a rollup holds): the data came from the user's files,
    /// so it is bad input, not a bug.
    /// </summary>
    private static bool IsDataPrecondition(Exception e) =>
        e is ArgumentException { ParamName: "summary" or "data" or "table" } and not ArgumentNullException and not ArgumentOutOfRangeException;

    /// <summary>An argument exception's message without .NET's " (Parameter 'x')" suffix.</summary>
    internal static string WithoutParameter(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static string InputMessage(Exception e) => e switch
    {
        ModelFitException fit => $"{OneLine(fit.Message)} The data do not support this model: use a longer calibration period or more customers ('clv fit' prints the diagnostics).",
        ArgumentException argument => OneLine(WithoutParameter(argument)),
        _ => OneLine(e.Message),
    };

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
        ReadingOptions.AddTo(root);
        return root;
    }
}
