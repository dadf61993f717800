using Spectre.Console;

namespace ContactMetrics.Cli;

/// <summary>Where the tool writes: standard output, standard error, and whether progress may be shown.</summary>
public sealed class CliConsole
{
    /// <summary>Creates a console over the given writers.</summary>
    /// <param name="out">Standard output (results).</param>
    /// <param name="error">Standard error (diagnostics).</param>
    /// <param name="interactive">Whether a person is watching a terminal, so progress may be shown.</param>
    public CliConsole(TextWriter @out, TextWriter error, bool interactive = false)
    {
        Out = @out ?? throw new ArgumentNullException(nameof(@out));
        Error = error ?? throw new ArgumentNullException(nameof(error));
        Interactive = interactive;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(@out),
        });
        if (!interactive)
        {
            Ansi.Profile.Width = 160;
        }
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Whether progress may be shown (an interactive terminal).</summary>
    public bool Interactive { get; }

    internal IAnsiConsole Ansi { get; }

    /// <summary>The readers' notes of this run (ignored columns, timestamps read as UTC), by file: printed on stderr when read, and put in JSON output.</summary>
    internal List<(string File, string Note)> ReadingNotes { get; } = [];

    /// <summary>How tables are read in this run: the reading options of the command (<c>--delimiter</c>, <c>--map</c>, ...), parsed once.</summary>
    internal Data.TableReadOptions ReadOptions { get; set; } = Data.TableReadOptions.Default;

    /// <summary>Opens standard input, for a table given as <c>-</c> (tests give their own).</summary>
    internal Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>Whether a table has been read from standard input in this run (it can be read once).</summary>
    internal bool StandardInputRead { get; set; }

    /// <summary>The sheet this run printed (or wrote) last; null before one is printed. Tests derive its JSON Schema from it.</summary>
    internal Reporting.FigureSheet? PrintedSheet { get; set; }

    /// <summary>The process's console; interactive only when neither output nor error is redirected.</summary>
    /// <returns>The console.</returns>
    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null);

    /// <summary>Writes each note and then each warning on standard error, one line each (<c>contactmetrics: note: ...</c>, <c>contactmetrics: warning: ...</c>).</summary>
    internal void Notes(IEnumerable<string> notes, IEnumerable<string> warnings)
    {
        foreach (string line in notes.Select(n => $"note: {n}").Concat(warnings.Select(w => $"warning: {w}")))
        {
            Error.WriteLine($"contactmetrics: {line}");
        }
    }

    /// <summary>Runs work with a status spinner when interactive; plainly otherwise.</summary>
    internal T Progress<T>(string what, Func<T> work)
    {
        if (!Interactive)
        {
            return work();
        }
        return Ansi.Status().Start(what, _ => work());
    }
}
