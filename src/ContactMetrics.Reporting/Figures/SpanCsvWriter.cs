using System.Globalization;
using System.Runtime.CompilerServices;
namespace ContactMetrics.Reporting;

/// <summary>
/// Writes a large table as CSV cell by cell into one character buffer: numbers formatted in place (no string or box per
/// cell), text quoted as RFC 4180 and neutralised as the CLI's CSV output is, lines ended with CRLF. Its output
/// is byte for byte what the CLI's table writer writes for the same cells (tested); for a command whose table has
/// hundreds of thousands of rows (<c>clv predict</c>), where building the boxed table and writing it cell by cell as
/// strings cost more than the model.
/// </summary>
internal sealed class SpanCsvWriter(TextWriter writer, bool raw)
{
    private readonly char[] _buffer = new char[1 << 16];
    private int _used;
    private bool _rowStarted;

    /// <summary>The header: the columns' snake_case names.</summary>
    public void Header(IEnumerable<FigureColumn> columns)
    {
        foreach (var column in columns)
        {
            Text(FigureText.SnakeCase(column.JsonName));
        }
        EndRow();
    }

    /// <summary>A text cell: a leading formula character neutralised unless raw, quoted when it holds a comma, quote or line break.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Text(string text)
    {
        Separator();
        string cell = raw ? text : FigureText.NeutraliseFormula(text);
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Append(cell);
            return;
        }
        Append("\"");
        Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        Append("\"");
    }

    /// <summary>A whole number, as <see cref="FigureText.Plain"/> writes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Number(int value)
    {
        Separator();
        Room(16);
        value.TryFormat(_buffer.AsSpan(_used), out int written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    /// <summary>A number in round-trip form, empty when not finite, as <see cref="FigureText.Plain"/> writes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Number(double value)
    {
        Separator();
        if (!double.IsFinite(value))
        {
            return;
        }
        Room(32);
        var target = _buffer.AsSpan(_used);
        if (!TryFormatShortDecimal(value, target, out int written))
        {
            value.TryFormat(target, out written, "R", CultureInfo.InvariantCulture);
        }
        _used += written;
    }

    /// <summary>The largest power of ten tried by <see cref="TryFormatShortDecimal"/>: values with up to 8 decimals.</summary>
    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

    /// <summary>
    /// Writes <paramref name="value"/> as <c>double.ToString("R")</c> does when it is the double nearest to a decimal of at
    /// most 15 significant digits, 8 decimals and a magnitude in [1e-4, 1e14) (the recencies, ages and mean spends read from
    /// a file): then that decimal, with the fewest decimals, is the shortest text that reads back as the value, which is what
    /// "R" writes, and it is found with a multiplication, a rounding and a division per number of decimals instead of the
    /// general shortest-digits search. Returns false, writing nothing, for any other value.
    /// </summary>
    /// <remarks>
    /// Why it is exact: if a text with d decimals, m / 10^d, reads back as v, then v 10^d rounds to m (the product is m within
    /// 2^-50 m) and m / 10^d, one correctly rounded division of exact operands, is v again; so the first d at which the
    /// rounded product divides back to v is the fewest decimals, and at that magnitude the fewest decimals are the fewest
    /// significant digits. With at most 15 significant digits two such decimals are farther apart than the spacing of
    /// doubles, so there is no other candidate of that length.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryFormatShortDecimal(double value, Span<char> target, out int written)
    {
        written = 0;
        double magnitude = Math.Abs(value);
        if (!(magnitude >= 1e-4 && magnitude < 1e14))
        {
            return false;
        }
        for (int decimals = 0; decimals < PowersOfTen.Length; decimals++)
        {
            double scale = PowersOfTen[decimals];
            double whole = Math.Round(magnitude * scale);
            if (whole >= 1e15)
            {
                return false;
            }
            if (whole / scale != magnitude)
            {
                continue;
            }
            written = WriteScaled(target, value < 0, (ulong)whole, decimals);
            return true;
        }
        return false;
    }

    /// <summary>
    /// An amount of money, as <see cref="FigureText.Plain"/> writes it (the amount alone, <c>decimal.ToString</c>'s digits:
    /// the scale's trailing zeros kept). An amount whose digits fit a <see cref="ulong"/> is written from its integer
    /// digits and scale, which takes half the time of the general formatting; others, and zero, go the general way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Number(decimal value)
    {
        Separator();
        Room(40);
        var target = _buffer.AsSpan(_used);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        ulong digits = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] != 0 || digits == 0)
        {
            value.TryFormat(target, out int general, default, CultureInfo.InvariantCulture);
            _used += general;
            return;
        }
        _used += WriteScaled(target, bits[3] < 0, digits, scale);
    }

    /// <summary>
    /// Writes an optional minus and <paramref name="digits"/> left-padded with zeros to at least <paramref name="scale"/> + 1
    /// digits, with the point before the last <paramref name="scale"/> of them; returns the characters written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WriteScaled(Span<char> target, bool negative, ulong digits, int scale)
    {
        int at = 0;
        if (negative)
        {
            target[at++] = '-';
        }
        Span<char> text = stackalloc char[32];
        digits.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
        int padded = Math.Max(length, scale + 1);
        int whole = padded - scale;
        for (int k = 0; k < padded; k++)
        {
            if (k == whole)
            {
                target[at++] = '.';
            }
            int source = k - (padded - length);
            target[at++] = source < 0 ? '0' : text[source];
        }
        return at;
    }

    /// <summary>Ends the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndRow()
    {
        Append("\r\n");
        _rowStarted = false;
    }

    /// <summary>Writes what is buffered.</summary>
    public void Flush()
    {
        writer.Write(_buffer, 0, _used);
        _used = 0;
        writer.Flush();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Separator()
    {
        if (_rowStarted)
        {
            Append(",");
        }
        _rowStarted = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<char> text)
    {
        if (text.Length > _buffer.Length - _used)
        {
            writer.Write(_buffer, 0, _used);
            _used = 0;
            if (text.Length > _buffer.Length)
            {
                writer.Write(text);
                return;
            }
        }
        text.CopyTo(_buffer.AsSpan(_used));
        _used += text.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Room(int chars)
    {
        if (_buffer.Length - _used < chars)
        {
            writer.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
