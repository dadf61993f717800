namespace ContactMetrics.Tests.Attribution;

/// <summary>A text reader that hands out one character per call, so every line end and surrogate pair falls at the end of what has been read.</summary>
internal sealed class OneAtATime(string text) : TextReader
{
    private int _next;

    public override int Read(char[] buffer, int index, int count)
    {
        if (_next >= text.Length || count == 0)
        {
            return 0;
        }
        buffer[index] = text[_next++];
        return 1;
    }
}
