// Lexer and parser of the textual serializer IR; located errors, no recursion.
#include "IR/Parser.h"

#include "IR/CodedError.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

#include <limits>

namespace jitson::ir {

namespace {

enum class Tok { Word, Int, At, String, Colon, Equals, LBrace, RBrace, Arrow, Slash, End, Bad };

struct Token {
  Tok Kind = Tok::End;
  llvm::StringRef Text;  ///< Spelling in the source.
  std::string Value;     ///< String: decoded bytes. Bad: what is wrong.
  std::uint64_t Int = 0; ///< Int: the value.
  SourceLoc Loc;
};

std::string describe(const Token& T) {
  // A pathological token (a megabyte-long word) is shown by its start.
  llvm::StringRef Text = T.Text.size() > 40 ? T.Text.take_front(40) : T.Text;
  const char* More = T.Text.size() > 40 ? "..." : "";
  std::string S;
  switch (T.Kind) {
  case Tok::End:
    return "end of file";
  case Tok::String:
    S = "string ";
    S += Text;
    S += More;
    return S;
  case Tok::Int:
    S = "integer ";
    S += Text;
    S += More;
    return S;
  default:
    S = "'";
    S += Text;
    S += More;
    S += '\'';
    return S;
  }
}

class Lexer {
public:
  explicit Lexer(llvm::StringRef Text) : Text(Text) {}

  Token next() {
    skipSpaceAndComments();
    Token T;
    T.Loc = SourceLoc{Line, Column};
    std::size_t Start = Pos;
    if (Pos >= Text.size()) {
      T.Kind = Tok::End;
      return T;
    }
    char C = Text[Pos];
    if (isWordStart(C)) {
      while (Pos < Text.size() && isWordChar(Text[Pos]))
        advance();
      T.Kind = Tok::Word;
    } else if (C >= '0' && C <= '9') {
      lexInt(T);
    } else if (C == '"') {
      lexString(T);
    } else if (C == '-' && Pos + 1 < Text.size() && Text[Pos + 1] == '>') {
      advance();
      advance();
      T.Kind = Tok::Arrow;
    } else {
      advance();
      switch (C) {
      case '@': T.Kind = Tok::At; break;
      case ':': T.Kind = Tok::Colon; break;
      case '=': T.Kind = Tok::Equals; break;
      case '{': T.Kind = Tok::LBrace; break;
      case '}': T.Kind = Tok::RBrace; break;
      case '/': T.Kind = Tok::Slash; break;
      default:
        T.Kind = Tok::Bad;
        T.Value = (C >= 0x20 && C < 0x7F) ? std::string("unexpected character '") + C + "'"
                                          : "unexpected byte 0x" +
                                                llvm::utohexstr(static_cast<unsigned char>(C));
      }
    }
    T.Text = Text.slice(Start, Pos);
    return T;
  }

private:
  llvm::StringRef Text;
  std::size_t Pos = 0;
  std::uint32_t Line = 1, Column = 1;

  static bool isWordStart(char C) {
    return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
  }
  static bool isWordChar(char C) { return isWordStart(C) || (C >= '0' && C <= '9') || C == '.'; }

  void advance() {
    if (Text[Pos] == '\n') {
      ++Line;
      Column = 1;
    } else if (Column < std::numeric_limits<std::uint32_t>::max()) {
      ++Column;
    }
    ++Pos;
  }

  void skipSpaceAndComments() {
    while (Pos < Text.size()) {
      char C = Text[Pos];
      if (C == ' ' || C == '\t' || C == '\n' || C == '\r')
        advance();
      else if (C == ';')
        while (Pos < Text.size() && Text[Pos] != '\n')
          advance();
      else
        return;
    }
  }

  void lexInt(Token& T) {
    T.Kind = Tok::Int;
    bool Overflow = false;
    while (Pos < Text.size() && Text[Pos] >= '0' && Text[Pos] <= '9') {
      unsigned Digit = unsigned(Text[Pos] - '0');
      if (T.Int > (std::numeric_limits<std::uint64_t>::max() - Digit) / 10)
        Overflow = true;
      else
        T.Int = T.Int * 10 + Digit;
      advance();
    }
    if (Overflow) {
      T.Kind = Tok::Bad;
      T.Value = "integer does not fit in 64 bits";
    }
  }

  void lexString(Token& T) {
    advance(); // opening quote
    T.Kind = Tok::String;
    while (true) {
      if (Pos >= Text.size() || Text[Pos] == '\n') {
        T.Kind = Tok::Bad;
        T.Value = "unterminated string";
        return;
      }
      char C = Text[Pos];
      if (C == '"') {
        advance();
        return;
      }
      if (C != '\\') {
        T.Value += C;
        advance();
        continue;
      }
      SourceLoc Escape{Line, Column};
      advance();
      if (Pos >= Text.size() || Text[Pos] == '\n') {
        T.Kind = Tok::Bad;
        T.Value = "unterminated string";
        return;
      }
      char E = Text[Pos];
      switch (E) {
      case '"': case '\\': T.Value += E; advance(); continue;
      case 'n': T.Value += '\n'; advance(); continue;
      case 't': T.Value += '\t'; advance(); continue;
      case 'r': T.Value += '\r'; advance(); continue;
      case 'x': {
        advance();
        unsigned Byte = 0;
        for (int I = 0; I < 2; ++I) {
          char H = Pos < Text.size() ? Text[Pos] : '\0';
          int V = llvm::hexDigitValue(H);
          if (V < 0) {
            badEscape(T, Escape, "\\x needs two hex digits");
            return;
          }
          Byte = Byte * 16 + unsigned(V);
          advance();
        }
        T.Value += static_cast<char>(Byte);
        continue;
      }
      default:
        badEscape(T, Escape, "unknown escape in string (use \\\" \\\\ \\n \\t \\r or \\xHH)");
        return;
      }
    }
  }

  void badEscape(Token& T, SourceLoc Escape, const char* Why) {
    T.Kind = Tok::Bad;
    T.Value = Why;
    T.Loc = Escape; // point at the backslash, not the opening quote
    // Resynchronise at the end of the string or line.
    while (Pos < Text.size() && Text[Pos] != '"' && Text[Pos] != '\n')
      advance();
    if (Pos < Text.size() && Text[Pos] == '"')
      advance();
  }
};

/// A type name's entry: its description once defined, and where it was
/// first used (for "unknown type" errors on names never defined).
struct TypeEntry {
  TypeDesc* Desc = nullptr;
  bool Defined = false;
  SourceLoc FirstUse;
};

class Parser {
public:
  Parser(llvm::StringRef Text, llvm::StringRef Source)
      : Lex(Text), Source(Source.str()), Result(std::make_unique<ParsedProgram>()) {
    Result->P.SourceName = this->Source;
    Cur = Lex.next();
  }

  llvm::Expected<std::unique_ptr<ParsedProgram>> parse() {
    if (llvm::Error E = parseFile())
      return E;
    return std::move(Result);
  }

private:
  Lexer Lex;
  std::string Source;
  std::unique_ptr<ParsedProgram> Result;
  Token Cur;
  llvm::StringMap<TypeEntry> TypeNames;
  std::vector<std::string> TypeOrder; ///< Names in order of first mention.

  llvm::Error error(SourceLoc Loc, const llvm::Twine& Message) {
    return makeError(ErrorCode::InvalidProgram, Source + ":" + llvm::Twine(Loc.Line) + ":" +
                                                    llvm::Twine(Loc.Column) +
                                                    ": error: " + Message);
  }
  llvm::Error unexpected(const llvm::Twine& Expected) {
    if (Cur.Kind == Tok::Bad)
      return error(Cur.Loc, Cur.Value);
    return error(Cur.Loc, "expected " + Expected + ", found " + describe(Cur));
  }
  void consume() { Cur = Lex.next(); }
  bool isWord(llvm::StringRef W) const { return Cur.Kind == Tok::Word && Cur.Text == W; }

  llvm::Error expect(Tok Kind, const char* What) {
    if (Cur.Kind != Kind)
      return unexpected(What);
    consume();
    return llvm::Error::success();
  }
  llvm::Error expectWord(llvm::StringRef W) {
    if (!isWord(W))
      return unexpected("'" + W + "'");
    consume();
    return llvm::Error::success();
  }
  llvm::Expected<std::uint64_t> integer(const char* What) {
    if (Cur.Kind != Tok::Int)
      return unexpected(What);
    std::uint64_t V = Cur.Int;
    consume();
    return V;
  }
  llvm::Expected<std::uint64_t> keyedInt(llvm::StringRef Key) {
    if (llvm::Error E = expectWord(Key))
      return E;
    return integer("an integer");
  }
  /// Reads "Key INT" into Field.
  llvm::Error keyed(llvm::StringRef Key, std::uint64_t& Field) {
    llvm::Expected<std::uint64_t> V = keyedInt(Key);
    if (!V)
      return V.takeError();
    Field = *V;
    return llvm::Error::success();
  }
  llvm::Expected<std::uint64_t> atInt(const char* What) {
    if (llvm::Error E = expect(Tok::At, "'@'"))
      return E;
    return integer(What);
  }
  llvm::Expected<std::string> string(const char* What) {
    if (Cur.Kind != Tok::String)
      return unexpected(What);
    std::string V = std::move(Cur.Value);
    consume();
    return V;
  }

  /// The description named by the string token here (defined now or later).
  llvm::Expected<TypeDesc*> typeRef() {
    SourceLoc Loc = Cur.Loc;
    llvm::Expected<std::string> Name = string("a type name (a string)");
    if (!Name)
      return Name.takeError();
    return entry(*Name, Loc).Desc;
  }
  TypeEntry& entry(const std::string& Name, SourceLoc Use) {
    TypeEntry& E = TypeNames[Name];
    if (!E.Desc) {
      E.Desc = &Result->Types.emplace_back();
      E.Desc->Name = Name;
      E.FirstUse = Use;
      TypeOrder.push_back(Name);
    }
    return E;
  }

  llvm::Error parseFile() {
    bool Started = false;
    if (isWord("options")) {
      consume();
      Started = true;
      while (Cur.Kind == Tok::Word && !isWord("type") && !isWord("func"))
        if (llvm::Error E = parseOption())
          return E;
    }
    while (Cur.Kind != Tok::End) {
      if (isWord("type")) {
        if (llvm::Error E = parseTypeDef())
          return E;
      } else if (isWord("func")) {
        if (llvm::Error E = parseFunction())
          return E;
      } else {
        return unexpected(Started ? "'type' or 'func'" : "'options', 'type' or 'func'");
      }
      Started = true;
    }
    return finish();
  }

  /// One "name value" pair of the options line.
  llvm::Error parseOption() {
    Options& Opts = Result->P.Opts;
    SourceLoc NameLoc = Cur.Loc;
    std::string Name = Cur.Text.str();
    consume();
    SourceLoc Loc = Cur.Loc;
    auto Boolean = [&](bool& Field) -> llvm::Error {
      if (!isWord("true") && !isWord("false"))
        return unexpected("true or false");
      Field = isWord("true");
      consume();
      return llvm::Error::success();
    };
    auto Choice = [&](std::initializer_list<const char*> Words) -> llvm::Expected<unsigned> {
      unsigned I = 0;
      for (const char* W : Words) {
        if (isWord(W)) {
          consume();
          return I;
        }
        ++I;
      }
      std::string Expected;
      for (const char* W : Words)
        Expected += (Expected.empty() ? "" : " or ") + std::string(W);
      return unexpected(Expected);
    };
    if (Name == "maxDepth") {
      llvm::Expected<std::uint64_t> Depth = integer("the maximum depth");
      if (!Depth)
        return Depth.takeError();
      if (*Depth > std::numeric_limits<std::uint32_t>::max())
        return error(Loc, "maxDepth must fit in 32 bits");
      Opts.maxDepth = static_cast<std::uint32_t>(*Depth);
      return llvm::Error::success();
    }
    if (Name == "indentWidth") {
      llvm::Expected<std::uint64_t> Width = integer("the indent width");
      if (!Width)
        return Width.takeError();
      if (*Width > 16)
        return error(Loc, "indentWidth must be at most 16");
      Opts.indentWidth = static_cast<std::uint8_t>(*Width);
      return llvm::Error::success();
    }
    if (Name == "utf8" || Name == "nonFinite" || Name == "indentChar") {
      llvm::Expected<unsigned> Pick =
          Name == "utf8"        ? Choice({"passthrough", "replace", "error"})
          : Name == "nonFinite" ? Choice({"error", "null"})
                                : Choice({"space", "tab"});
      if (!Pick)
        return Pick.takeError();
      if (Name == "utf8")
        Opts.utf8 = static_cast<Utf8Mode>(*Pick);
      else if (Name == "nonFinite")
        Opts.nonFinite = static_cast<NonFiniteMode>(*Pick);
      else
        Opts.indentChar = *Pick ? '\t' : ' ';
      return llvm::Error::success();
    }
    std::pair<const char*, bool*> Flags[] = {
        {"escapeHtml", &Opts.escapeHtml},   {"escapeUnicode", &Opts.escapeUnicode},
        {"sortMapKeys", &Opts.sortMapKeys}, {"omitNull", &Opts.omitNull},
        {"enumsAsStrings", &Opts.enumsAsStrings}, {"pretty", &Opts.pretty},
        {"trailingNewline", &Opts.trailingNewline}};
    for (auto& [FlagName, Field] : Flags)
      if (Name == FlagName)
        return Boolean(*Field);
    return error(NameLoc, "unknown option '" + Name +
                              "' (expected maxDepth, escapeHtml, utf8, escapeUnicode, "
                              "nonFinite, sortMapKeys, omitNull, enumsAsStrings, pretty, "
                              "indentWidth, indentChar or trailingNewline)");
  }

  llvm::Error layout(TypeDesc& T) {
    if (llvm::Error E = keyed("size", T.Size))
      return E;
    SourceLoc AlignLoc = Cur.Loc;
    if (llvm::Error E = keyed("align", T.Align))
      return E;
    if (T.Align == 0 || (T.Align & (T.Align - 1)) != 0 || T.Align > 4096)
      return error(AlignLoc, "align must be a power of two up to 4096");
    return llvm::Error::success();
  }

  /// Reads the two layout fields of a kind ("data D length L", ...).
  llvm::Error keyedPair(llvm::StringRef KeyA, std::uint64_t& A, llvm::StringRef KeyB,
                        std::uint64_t& B) {
    if (llvm::Error E = keyed(KeyA, A))
      return E;
    return keyed(KeyB, B);
  }

  llvm::Error parseTypeDef() {
    consume(); // 'type'
    SourceLoc NameLoc = Cur.Loc;
    llvm::Expected<std::string> Name = string("a type name (a string)");
    if (!Name)
      return Name.takeError();
    TypeEntry& E = entry(*Name, NameLoc);
    if (E.Defined) {
      SourceLoc First = Result->P.TypeLocs[E.Desc];
      return error(NameLoc, "type \"" + *Name + "\" is defined twice (first at line " +
                                llvm::Twine(First.Line) + ")");
    }
    E.Defined = true;
    TypeDesc& T = *E.Desc;
    Result->P.TypeLocs[&T] = NameLoc;
    if (llvm::Error Err = expect(Tok::Equals, "'='"))
      return Err;
    SourceLoc KindLoc = Cur.Loc;
    if (Cur.Kind != Tok::Word)
      return unexpected("a type kind");
    std::string Kind = Cur.Text.str();
    consume();
    if (Kind == "bool") {
      T.Kind = TypeKind::Bool;
      T.Size = T.Align = 1;
    } else if (Kind == "int" || Kind == "float") {
      SourceLoc BitsLoc = Cur.Loc;
      llvm::Expected<std::uint64_t> Bits = integer("a bit width");
      if (!Bits)
        return Bits.takeError();
      bool IsInt = Kind == "int";
      if (IsInt ? (*Bits != 8 && *Bits != 16 && *Bits != 32 && *Bits != 64)
                : (*Bits != 32 && *Bits != 64))
        return error(BitsLoc, IsInt ? "int must have 8, 16, 32 or 64 bits"
                                    : "float must have 32 or 64 bits");
      T.Kind = IsInt ? TypeKind::Int : TypeKind::Float;
      T.Bits = static_cast<std::uint8_t>(*Bits);
      T.Size = T.Align = *Bits / 8;
      if (IsInt) {
        if (!isWord("signed") && !isWord("unsigned"))
          return unexpected("'signed' or 'unsigned'");
        T.IsSigned = isWord("signed");
        consume();
      }
    } else if (Kind == "string" || Kind == "string_view") {
      T.Kind = TypeKind::String;
      T.Flavor = Kind == "string" ? detail::StringFlavor::StdString
                                  : detail::StringFlavor::StdStringView;
      if (llvm::Error Err = layout(T))
        return Err;
      if (llvm::Error Err = keyedPair("data", T.DataOffset, "length", T.SizeOffset))
        return Err;
    } else if (Kind == "vector") {
      T.Kind = TypeKind::Vector;
      if (llvm::Error Err = layout(T))
        return Err;
      if (llvm::Error Err = keyedPair("begin", T.BeginOffset, "end", T.EndOffset))
        return Err;
      if (llvm::Error Err = element(T))
        return Err;
    } else if (Kind == "array") {
      T.Kind = TypeKind::Array;
      llvm::Expected<std::uint64_t> Count = integer("the element count");
      if (!Count)
        return Count.takeError();
      T.Count = *Count;
      if (llvm::Error Err = element(T))
        return Err;
    } else if (Kind == "optional") {
      T.Kind = TypeKind::Optional;
      if (llvm::Error Err = layout(T))
        return Err;
      if (llvm::Error Err = keyedPair("payload", T.PayloadOffset, "flag", T.FlagOffset))
        return Err;
      if (llvm::Error Err = element(T))
        return Err;
    } else if (Kind == "struct" || Kind == "tuple" || Kind == "variant") {
      T.Kind = Kind == "struct" ? TypeKind::Struct
               : Kind == "tuple" ? TypeKind::Tuple
                                 : TypeKind::Variant;
      if (llvm::Error Err = layout(T))
        return Err;
      if (T.Kind == TypeKind::Variant) {
        if (llvm::Error Err = keyed("index", T.FlagOffset))
          return Err;
        T.Bits = 8;
      }
      if (llvm::Error Err = expect(Tok::LBrace, "'{'"))
        return Err;
      while (Cur.Kind == Tok::String) {
        detail::MemberDesc M;
        M.Name = std::move(Cur.Value);
        consume();
        llvm::Expected<std::uint64_t> Offset = atInt("the member's offset");
        if (!Offset)
          return Offset.takeError();
        if (llvm::Error Err = expect(Tok::Colon, "':'"))
          return Err;
        llvm::Expected<TypeDesc*> MemberType = typeRef();
        if (!MemberType)
          return MemberType.takeError();
        M.Offset = *Offset;
        M.Type = *MemberType;
        for (;;) {
          if (isWord("omitempty"))
            M.OmitEmpty = true;
          else if (isWord("quoted"))
            M.AsString = true;
          else
            break;
          consume();
        }
        T.Members.push_back(std::move(M));
      }
      if (llvm::Error Err = expect(Tok::RBrace, "a member (a string) or '}'"))
        return Err;
    } else if (Kind == "char") {
      T.Kind = TypeKind::Char;
      T.Size = T.Align = 1;
    } else if (Kind == "null") {
      T.Kind = TypeKind::Null;
      if (llvm::Error Err = layout(T))
        return Err;
    } else if (Kind == "cstring") {
      T.Kind = TypeKind::CString;
      llvm::Expected<std::uint64_t> Count = integer("the array length (0 for a pointer)");
      if (!Count)
        return Count.takeError();
      T.Count = *Count;
      T.Size = T.Count ? T.Count : 8;
      T.Align = T.Count ? 1 : 8;
    } else if (Kind == "enum") {
      T.Kind = TypeKind::Enum;
      if (llvm::Error Err = element(T))
        return Err;
      if (llvm::Error Err = expect(Tok::LBrace, "'{'"))
        return Err;
      while (Cur.Kind == Tok::Int) {
        detail::EnumeratorDesc E;
        E.Value = static_cast<std::int64_t>(Cur.Int); // two's complement
        consume();
        llvm::Expected<std::string> Name = string("the enumerator's name (a string)");
        if (!Name)
          return Name.takeError();
        E.Name = std::move(*Name);
        T.Enumerators.push_back(std::move(E));
      }
      if (llvm::Error Err = expect(Tok::RBrace, "a value or '}'"))
        return Err;
    } else if (Kind == "span") {
      T.Kind = TypeKind::Span;
      if (llvm::Error Err = layout(T))
        return Err;
      if (llvm::Error Err = keyedPair("data", T.BeginOffset, "count", T.SizeOffset))
        return Err;
      if (llvm::Error Err = element(T))
        return Err;
    } else if (Kind == "sequence" || Kind == "map") {
      T.Kind = TypeKind::Sequence;
      T.IsMap = Kind == "map";
      if (llvm::Error Err = layout(T))
        return Err;
      if (isWord("ordered")) {
        T.Ordered = true;
        consume();
      }
      if (llvm::Error Err = expectWord("helpers"))
        return Err;
      while (Cur.Kind == Tok::String) {
        T.Helpers.push_back(detail::TypeHelper{std::move(Cur.Value), nullptr});
        consume();
      }
      if (T.Helpers.size() < 2 || T.Helpers.size() > 3)
        return error(KindLoc, "a " + Kind + " needs 2 or 3 helpers (first, next[, sorted])");
      if (llvm::Error Err = element(T))
        return Err;
    } else if (Kind == "pointer") {
      T.Kind = TypeKind::Pointer;
      if (llvm::Error Err = layout(T))
        return Err;
      if (llvm::Error Err = keyed("at", T.PayloadOffset))
        return Err;
      if (llvm::Error Err = expectWord("to"))
        return Err;
      llvm::Expected<TypeDesc*> Pointee = typeRef();
      if (!Pointee)
        return Pointee.takeError();
      T.Element = *Pointee;
    } else if (Kind == "bytes") {
      T.Kind = TypeKind::Bytes;
      if (llvm::Error Err = layout(T))
        return Err;
      if (llvm::Error Err = keyedPair("begin", T.BeginOffset, "end", T.EndOffset))
        return Err;
    } else if (Kind == "time") {
      T.Kind = TypeKind::Time;
      SourceLoc RatioLoc = Cur.Loc;
      llvm::Expected<std::uint64_t> Num = integer("the period's numerator");
      if (!Num)
        return Num.takeError();
      if (llvm::Error Err = expect(Tok::Slash, "'/'"))
        return Err;
      llvm::Expected<std::uint64_t> Den = integer("the period's denominator");
      if (!Den)
        return Den.takeError();
      if (*Num == 0 || *Den == 0)
        return error(RatioLoc, "a time period must be positive");
      T.Num = *Num;
      T.Den = *Den;
      if (llvm::Error Err = element(T))
        return Err;
    } else if (Kind == "raw") {
      T.Kind = TypeKind::Raw;
      if (llvm::Error Err = layout(T))
        return Err;
      if (llvm::Error Err = keyedPair("data", T.DataOffset, "length", T.SizeOffset))
        return Err;
    } else if (Kind == "custom") {
      T.Kind = TypeKind::Custom;
      if (llvm::Error Err = layout(T))
        return Err;
      if (llvm::Error Err = expectWord("hook"))
        return Err;
      llvm::Expected<std::string> Hook = string("the hook's symbol (a string)");
      if (!Hook)
        return Hook.takeError();
      T.Helpers.push_back(detail::TypeHelper{std::move(*Hook), nullptr});
    } else {
      return error(KindLoc, "unknown type kind '" + Kind +
                                "' (expected bool, int, float, char, null, string, "
                                "string_view, cstring, enum, vector, span, array, optional, "
                                "pointer, sequence, map, struct, tuple, variant, bytes, time, "
                                "raw or custom)");
    }
    return llvm::Error::success();
  }

  llvm::Error element(TypeDesc& T) {
    if (llvm::Error E = expectWord("of"))
      return E;
    llvm::Expected<TypeDesc*> Element = typeRef();
    if (!Element)
      return Element.takeError();
    T.Element = *Element;
    return llvm::Error::success();
  }

  llvm::Error parseFunction() {
    SourceLoc FuncLoc = Cur.Loc;
    consume(); // 'func'
    SourceLoc IndexLoc = Cur.Loc;
    llvm::Expected<std::uint64_t> Index = atInt("the function's index");
    if (!Index)
      return Index.takeError();
    std::vector<Function>& Functions = Result->P.Functions;
    if (*Index != Functions.size())
      return error(IndexLoc, "expected func @" + llvm::Twine(Functions.size()) +
                                 " (functions are numbered from 0 in order)");
    if (llvm::Error E = expect(Tok::Colon, "':'"))
      return E;
    llvm::Expected<TypeDesc*> Type = typeRef();
    if (!Type)
      return Type.takeError();
    Function F;
    F.Name = (*Type)->Name;
    F.Type = *Type;
    F.Loc = FuncLoc;
    if (llvm::Error E = expect(Tok::LBrace, "'{'"))
      return E;
    while (Cur.Kind != Tok::RBrace) {
      llvm::Expected<Op> O = parseOp();
      if (!O)
        return O.takeError();
      F.Body.push_back(std::move(*O));
    }
    consume(); // '}'
    Functions.push_back(std::move(F));
    return llvm::Error::success();
  }

  llvm::Expected<Op> parseOp() {
    static const llvm::StringMap<Opcode> Mnemonics = [] {
      llvm::StringMap<Opcode> M;
#define JITSON_OP(Name, Mnemonic, Shape) M[Mnemonic] = Opcode::Name;
#include "IR/Ops.def"
      return M;
    }();
    if (Cur.Kind != Tok::Word)
      return unexpected("an op or '}'");
    auto Found = Mnemonics.find(Cur.Text);
    if (Found == Mnemonics.end())
      return error(Cur.Loc, "unknown op '" + Cur.Text + "'");
    Op O;
    O.Code = Found->second;
    O.Loc = Cur.Loc;
    consume();
    OpShape Shape = shapeOf(O.Code);
    if (Shape == OpShape::Text) {
      llvm::Expected<std::string> Bytes = string("the text (a string)");
      if (!Bytes)
        return Bytes.takeError();
      O.Bytes = std::move(*Bytes);
      return O;
    }
    if (Shape == OpShape::ScopeElse || Shape == OpShape::ScopeEnd)
      return O;
    if (Shape == OpShape::Indent) {
      llvm::Expected<std::uint64_t> Level = integer("the indentation level");
      if (!Level)
        return Level.takeError();
      if (*Level > MaxLevel)
        return error(O.Loc, "indentation level above " + llvm::Twine(MaxLevel));
      O.Level = static_cast<std::uint32_t>(*Level);
      return O;
    }
    llvm::Expected<std::uint64_t> Offset = atInt("the value's offset");
    if (!Offset)
      return Offset.takeError();
    O.Offset = *Offset;
    if (llvm::Error E = expect(Tok::Colon, "':'"))
      return E;
    llvm::Expected<TypeDesc*> Type = typeRef();
    if (!Type)
      return Type.takeError();
    O.Type = *Type;
    if (Shape == OpShape::Call) {
      if (llvm::Error E = expect(Tok::Arrow, "'->'"))
        return E;
      llvm::Expected<std::uint64_t> Callee = atInt("the callee's index");
      if (!Callee)
        return Callee.takeError();
      if (*Callee > std::numeric_limits<std::uint32_t>::max())
        return error(O.Loc, "callee index too large");
      O.Callee = static_cast<std::uint32_t>(*Callee);
    }
    if (isWord("path")) {
      consume();
      llvm::Expected<std::string> Path = string("the path (a string)");
      if (!Path)
        return Path.takeError();
      O.Path = std::move(*Path);
    }
    if (isWord("level")) {
      consume();
      llvm::Expected<std::uint64_t> Level = integer("the indentation level");
      if (!Level)
        return Level.takeError();
      if (*Level > MaxLevel)
        return error(O.Loc, "indentation level above " + llvm::Twine(MaxLevel));
      O.Level = static_cast<std::uint32_t>(*Level);
    }
    return O;
  }

  static constexpr std::uint64_t MaxLevel = 1u << 16;

  /// After the last token: every name defined; arrays sized (iteratively,
  /// so a long chain of nested arrays cannot exhaust the stack).
  llvm::Error finish() {
    for (const std::string& Name : TypeOrder) {
      const TypeEntry& E = TypeNames[Name];
      if (!E.Defined)
        return error(E.FirstUse, "unknown type \"" + Name + "\"");
    }
    for (TypeDesc& T : Result->Types) {
      if (T.Kind != TypeKind::Enum && T.Kind != TypeKind::Time)
        continue;
      if (!T.Element || T.Element->Kind != TypeKind::Int)
        return error(Result->P.TypeLocs[&T], "\"" + T.Name + "\" must be of an int type");
      T.Size = T.Element->Size;
      T.Align = T.Element->Align;
    }
    enum State : std::uint8_t { Unvisited, Visiting, Done };
    std::map<const TypeDesc*, State> States;
    for (TypeDesc& Root : Result->Types) {
      if (Root.Kind != TypeKind::Array || States[&Root] == Done)
        continue;
      std::vector<TypeDesc*> Stack{&Root};
      while (!Stack.empty()) {
        TypeDesc* T = Stack.back();
        State& S = States[T];
        TypeDesc* Element = const_cast<TypeDesc*>(T->Element);
        if (S == Unvisited) {
          S = Visiting;
          if (Element->Kind == TypeKind::Array && States[Element] != Done) {
            if (States[Element] == Visiting)
              return error(Result->P.TypeLocs[T],
                           "array \"" + T->Name + "\" contains itself");
            Stack.push_back(Element);
            continue;
          }
        }
        if (Element->Kind == TypeKind::Array && States[Element] != Done)
          return error(Result->P.TypeLocs[T], "array \"" + T->Name + "\" contains itself");
        if (T->Count && Element->Size > std::numeric_limits<std::uint64_t>::max() / T->Count)
          return error(Result->P.TypeLocs[T], "array \"" + T->Name + "\" is too large");
        T->Size = Element->Size * T->Count;
        T->Align = Element->Align;
        S = Done;
        Stack.pop_back();
      }
    }
    return llvm::Error::success();
  }
};

} // namespace

llvm::Expected<std::unique_ptr<ParsedProgram>> parseProgram(llvm::StringRef Text,
                                                            llvm::StringRef Source) {
  return Parser(Text, Source).parse();
}

} // namespace jitson::ir
