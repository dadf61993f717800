using System.Globalization;
using ContactMetrics.Data.Reading;
using CsvHelper;

namespace ContactMetrics.Data.Csv;

/// <summary>
/// The rows of a CSV file (RFC 4180, comma-separated or with another delimiter, UTF-8 with or without a byte order mark),
/// read one record at a time with CsvHelper. Line numbers are physical lines of the file.
/// </summary>
internal sealed class CsvRowSource : RowSource
{
    // A record longer than this is almost surely an unclosed quote swallowing the rest of the file;
    // stop there rather than buffer a gigabyte.
    private const int MaxRecordBytes = 64 << 20;

    private readonly CsvReader _reader;
    private readonly string[] _names;
    private readonly long _headerLine;
    private readonly Queue<(long Line, CsvMalformedReason Reason)> _malformed = new();
    private string? _rowProblem;
    private int? _rowProblemColumn;

    /// <summary>
    /// How every CSV file here is read: comma-separated RFC 4180 (quoted line breaks, a BOM, CRLF or LF), line numbers
    /// tracked for errors, blank lines skipped, cells untrimmed, a short or long row kept for the reader to judge.
    /// </summary>
    internal static readonly CsvReaderOptions Rfc4180 = CsvReaderOptions.Default with
    {
        Separator = ',',
        Mode = CsvMode.Rfc4180,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        AllowLineBreaksInQuotes = true,
        TrimWhitespace = false,
        DetectSeparatorHint = false,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
    };

    public CsvRowSource(Stream stream, bool leaveOpen, string file, char delimiter = ',')
        : base(file, TableFormat.Csv)
    {
        var options = Rfc4180 with
        {
            Separator = delimiter,
            HasHeader = true,
            PoolStrings = true,
            MaxRecordSize = MaxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m => _malformed.Enqueue((m.LineNumber, m.Reason)),
        };
        _reader = CsvReader.Create(stream, options, leaveOpen);
        try
        {
            _reader.ReadHeader();
            _names = [.. _reader.Headers];
            _headerLine = _reader.LineNumber;
            int broken = Array.FindIndex(_names, n => n.Contains('\uFFFD', StringComparison.Ordinal));
            if (broken >= 0)
            {
                throw new TableFormatException(file, TableFormat.Csv, _headerLine, broken + 1, null, null, NotUtf8);
            }
        }
        catch (CsvFormatException e)
        {
            _reader.Dispose();
            throw new TableFormatException(file, TableFormat.Csv, e.LineNumber > 0 ? e.LineNumber : null, null, null, null, $"has an unreadable header: {e.Message}", innerException: e);
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    private const string NotUtf8 = "is not valid UTF-8 text: save the file as UTF-8 (bytes that are not UTF-8 would be replaced, and distinct ids would merge)";

    public override IReadOnlyList<string> ColumnNames => _names;

    public override long? HeaderLine => _headerLine;

    public override long RowLocation => _reader.LineNumber;

    public override string? RowProblem => _rowProblem;

    public override int? RowProblemColumn => _rowProblemColumn;

    public override bool MoveNext()
    {
        bool read;
        try
        {
            read = _reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw new TableFormatException(File, Format, e.LineNumber > 0 ? e.LineNumber : null, null, null, null,
                $"cannot be read further: {e.Message} (a quote that is never closed makes the rest of the file one cell)", innerException: e);
        }
        if (!read)
        {
            return false;
        }
        long line = _reader.LineNumber;
        _rowProblem = null;
        _rowProblemColumn = null;
        while (_malformed.TryPeek(out var m) && m.Line <= line)
        {
            _malformed.Dequeue();
            if (m.Line == line)
            {
                if (m.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    // Not one bad row: the rest of the file was swallowed into a cell, so reading on would be a short read.
                    throw new TableFormatException(File, Format, line, null, null, null,
                        "has a quoted field that is never closed, so the rest of the file would be read as one cell; close the quote (a quote inside a field is written twice)");
                }
                _rowProblem = Describe(m.Reason);
            }
        }
        if (_rowProblem is null && _reader.FieldCount != _names.Length)
        {
            _rowProblem = string.Create(CultureInfo.InvariantCulture, $"has {_reader.FieldCount} fields but the header has {_names.Length}");
        }
        for (int i = 0; _rowProblem is null && i < _reader.FieldCount; i++)
        {
            if (!System.Text.Unicode.Utf8.IsValid(_reader.GetSpan(i)))
            {
                _rowProblem = NotUtf8;
                _rowProblemColumn = i;
            }
        }
        return true;
    }

    public override long CellLocation(int column)
    {
        // Quoted line breaks in the cells before this one move it to a later line.
        long line = _reader.LineNumber;
        for (int i = 0; i < column && i < _reader.FieldCount; i++)
        {
            line += LineBreaks(_reader.GetRawSpan(i));
        }
        return line;
    }

    public override string? GetText(int column) => _reader.GetString(column);

    public override bool IsMissing(int column)
    {
        var bytes = _reader.GetSpan(column);
        return bytes.Trim(" \t\r\n"u8).IsEmpty;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
        }
    }

    private static int LineBreaks(ReadOnlySpan<byte> raw)
    {
        int count = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'\n' || (raw[i] == (byte)'\r' && (i + 1 == raw.Length || raw[i + 1] != (byte)'\n')))
            {
                count++;
            }
        }
        return count;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "is malformed CSV: a quote inside an unquoted field (quote the whole field and double the inner quote)",
        CsvMalformedReason.TextAfterClosingQuote => "is malformed CSV: text after the closing quote of a quoted field",
        CsvMalformedReason.UnterminatedQuote => "is malformed CSV: a quoted field is never closed, so it runs to the end of the file",
        CsvMalformedReason.LineBreakInQuotes => "is malformed CSV: a line break inside a quoted field",
        CsvMalformedReason.FieldCountMismatch => "has a different number of fields than the header",
        _ => "is malformed CSV",
    };
}
