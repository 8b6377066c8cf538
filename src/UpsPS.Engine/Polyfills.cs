namespace System.Runtime.CompilerServices
{
    // Lets C# records and init-only setters compile for netstandard2.0.
    internal static class IsExternalInit { }
}
