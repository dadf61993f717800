using Apache.Arrow;
using Apache.Arrow.Types;

namespace ContactMetrics.Interop;

/// <summary>
/// The rows of Arrow record batches of one schema as a <see cref="System.Data.Common.DbDataReader"/>: strings (also
/// large, view and dictionary-encoded), booleans, integers, floats, decimal128, timestamps (with a time zone as
/// <see cref="DateTimeOffset"/>, without one as a <see cref="DateTime"/> of unspecified kind), dates as
/// <see cref="DateOnly"/> and durations as <see cref="TimeSpan"/>. Other Arrow types give a cell the reader rejects.
/// </summary>
internal sealed class ArrowDataReader : ColumnarDataReader
{
    private readonly IEnumerator<RecordBatch> _batches;
    private readonly Schema _schema;
    private RecordBatch? _batch;
    private int _row = -1;

    public ArrowDataReader(Schema schema, IEnumerable<RecordBatch> batches)
    {
        _schema = schema;
        _batches = batches.GetEnumerator();
    }

    public override int FieldCount => _schema.FieldsList.Count;

    public override bool HasRows => true;

    public override string GetName(int ordinal) => _schema.FieldsList[ordinal].Name;

    public override Type GetFieldType(int ordinal) => ClrType(_schema.FieldsList[ordinal].DataType);

    public override bool Read()
    {
        while (_batch is null || _row + 1 >= _batch.Length)
        {
            if (!_batches.MoveNext())
            {
                return false;
            }
            var next = _batches.Current;
            if (next.ColumnCount != FieldCount || !Enumerable.Range(0, FieldCount).All(i =>
                next.Schema.FieldsList[i].Name == _schema.FieldsList[i].Name && next.Schema.FieldsList[i].DataType.TypeId == _schema.FieldsList[i].DataType.TypeId))
            {
                throw new ArgumentException($"A record batch has the columns ({Describe(next.Schema)}) where the first had ({Describe(_schema)}); every batch of a table needs the same schema.");
            }
            _batch = next;
            _row = -1;
        }
        _row++;
        return true;
    }

    public override bool IsDBNull(int ordinal) => Array(ordinal).IsNull(_row);

    protected override object? Value(int ordinal) => CellValue(Array(ordinal), _row);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _batches.Dispose();
        }
        base.Dispose(disposing);
    }

    private IArrowArray Array(int ordinal) => (_batch ?? throw new InvalidOperationException("Read() first.")).Column(ordinal);

    private static object? CellValue(IArrowArray array, int row) => array switch
    {
        StringArray a => a.GetString(row),
        LargeStringArray a => a.GetString(row),
        StringViewArray a => a.GetString(row),
        DictionaryArray a => CellValue(a.Dictionary, DictionaryIndex(a.Indices, row)),
        BooleanArray a => a.GetValue(row),
        Int8Array a => a.GetValue(row),
        Int16Array a => a.GetValue(row),
        Int32Array a => a.GetValue(row),
        Int64Array a => a.GetValue(row),
        UInt8Array a => a.GetValue(row),
        UInt16Array a => a.GetValue(row),
        UInt32Array a => a.GetValue(row),
        UInt64Array a => a.GetValue(row),
        FloatArray a => a.GetValue(row),
        DoubleArray a => a.GetValue(row),
        Decimal128Array a => a.GetValue(row),
        TimestampArray a when ((TimestampType)a.Data.DataType).IsTimeZoneAware => a.GetTimestamp(row),
        TimestampArray a => DateTime.SpecifyKind(a.GetTimestamp(row)!.Value.UtcDateTime, DateTimeKind.Unspecified),
        Date32Array a => a.GetDateOnly(row),
        Date64Array a => a.GetDateOnly(row),
        DurationArray a => a.GetTimeSpan(row),
        _ => throw new NotSupportedException($"the Arrow type {array.Data.DataType.Name} is not read; cast the column to a string, number, boolean, timestamp, date or duration"),
    };

    private static int DictionaryIndex(IArrowArray indices, int row) => indices switch
    {
        Int8Array a => a.GetValue(row)!.Value,
        Int16Array a => a.GetValue(row)!.Value,
        Int32Array a => a.GetValue(row)!.Value,
        Int64Array a => checked((int)a.GetValue(row)!.Value),
        UInt8Array a => a.GetValue(row)!.Value,
        UInt16Array a => a.GetValue(row)!.Value,
        UInt32Array a => checked((int)a.GetValue(row)!.Value),
        _ => throw new NotSupportedException($"dictionary indices of type {indices.Data.DataType.Name} are not read"),
    };

    private static Type ClrType(IArrowType type) => type switch
    {
        StringType or LargeStringType or StringViewType => typeof(string),
        DictionaryType d => ClrType(d.ValueType),
        BooleanType => typeof(bool),
        Int8Type => typeof(sbyte),
        Int16Type => typeof(short),
        Int32Type => typeof(int),
        Int64Type => typeof(long),
        UInt8Type => typeof(byte),
        UInt16Type => typeof(ushort),
        UInt32Type => typeof(uint),
        UInt64Type => typeof(ulong),
        FloatType => typeof(float),
        DoubleType => typeof(double),
        Decimal128Type => typeof(decimal),
        TimestampType t => t.IsTimeZoneAware ? typeof(DateTimeOffset) : typeof(DateTime),
        Date32Type or Date64Type => typeof(DateOnly),
        DurationType => typeof(TimeSpan),
        _ => typeof(object),
    };

    private static string Describe(Schema schema) => string.Join(", ", schema.FieldsList.Select(f => $"{f.Name} {f.DataType.Name}"));
}
