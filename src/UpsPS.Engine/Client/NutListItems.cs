namespace UpsPS.Engine.Client
{
    /// <summary>One <c>UPS &lt;name&gt; "&lt;desc&gt;"</c> line of LIST UPS.</summary>
    public sealed record NutUpsEntry(string Name, string Description);

    /// <summary>One variable and its value (LIST VAR / LIST RW / GET VAR).</summary>
    public sealed record NutVariableValue(string Name, string Value);

    /// <summary>One <c>RANGE</c> item; bounds are strings on the wire and kept as sent.</summary>
    public sealed record NutRange(string Minimum, string Maximum);

    /// <summary>One <c>CLIENT &lt;ups&gt; &lt;address&gt;</c> line of LIST CLIENT.</summary>
    public sealed record NutClientEntry(string UpsName, string Address);
}
