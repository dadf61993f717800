using Microsoft.Data.Analysis;

namespace ContactMetrics.Interop;

/// <summary>The rows of a <see cref="DataFrame"/> as a <see cref="System.Data.Common.DbDataReader"/>: each column's values as its element type.</summary>
internal sealed class DataFrameDataReader : ColumnarDataReader
{
    private readonly DataFrame _frame;
    private long _row = -1;

    public DataFrameDataReader(DataFrame frame) => _frame = frame;

    public override int FieldCount => _frame.Columns.Count;

    public override bool HasRows => _frame.Rows.Count > 0;

    public override string GetName(int ordinal) => _frame.Columns[ordinal].Name;

    public override Type GetFieldType(int ordinal) => _frame.Columns[ordinal].DataType;

    public override bool Read() => ++_row < _frame.Rows.Count;

    public override bool IsDBNull(int ordinal) => _frame.Columns[ordinal][_row] is null;

    protected override object? Value(int ordinal) => _frame.Columns[ordinal][_row];
}
