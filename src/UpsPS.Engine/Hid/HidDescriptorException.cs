using System;

namespace UpsPS.Engine.Hid
{
    /// <summary>A report descriptor that cannot be used (truncated item, absurd nesting or size).</summary>
    public sealed class HidDescriptorException : Exception
    {
        public HidDescriptorException(string message) : base(message) { }
    }
}
