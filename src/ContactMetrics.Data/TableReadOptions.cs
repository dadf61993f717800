using ContactMetrics.Domain;

namespace ContactMetrics.Data;

/// <summary>How a table is read: what happens to invalid rows, and defaults for absent columns.</summary>
/// <remarks>Immutable; create one with an object initializer, e.g. <c>new TableReadOptions { Mode = RowErrorMode.Collect }</c>.</remarks>
public sealed class TableReadOptions
{
    private readonly int _maxErrorsKept = 1000;

    /// <summary>The defaults: fail fast, no default currency, keep up to 1000 errors.</summary>
    public static TableReadOptions Default { get; } = new();

    /// <summary>Fail fast on the first invalid row (the default), or collect invalid rows and go on.</summary>
    public RowErrorMode Mode { get; init; }

    /// <summary>
    /// The currency of <c>purchases</c> and <c>conversions</c> rows whose <c>currency</c> cell is empty,
    /// or of every row when the file has no <c>currency</c> column. <see langword="null"/> (the default)
    /// makes the <c>currency</c> column and its values required.
    /// </summary>
    public Currency? DefaultCurrency { get; init; }

    /// <summary>
    /// How many row errors the <see cref="ValidationReport"/> keeps (1000 by default). Rows rejected beyond
    /// that are still counted in <see cref="ValidationReport.RowsRejected"/>, so that a badly broken
    /// file does not fill memory with errors.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxErrorsKept
    {
        get => _maxErrorsKept;
        init
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxErrorsKept must be at least 0; was {value}.");
            }
            _maxErrorsKept = value;
        }
    }

    /// <summary>Stops reading: checked before every row; the reader then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Receives the rows read so far (accepted + rejected) every 65,536 rows and at the end of the file; null for none.</summary>
    public IProgress<long>? Progress { get; init; }
}
