// CodedError: an llvm::Error payload that carries the public ErrorCode to report.
#ifndef JITSON_IR_CODEDERROR_H
#define JITSON_IR_CODEDERROR_H

#include "jitson/Error.h"

#include "llvm/Support/Error.h"

#include <string>

namespace jitson::ir {

/// Failures inside lib/ travel as llvm::Error; this payload says which public
/// ErrorCode they become (everything else maps to Internal).
class CodedError : public llvm::ErrorInfo<CodedError> {
public:
  static char ID;
  CodedError(ErrorCode Code, std::string Message)
      : Code(Code), Message(std::move(Message)) {}
  void log(llvm::raw_ostream& OS) const override { OS << Message; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }
  ErrorCode code() const { return Code; }
  const std::string& text() const { return Message; }

private:
  ErrorCode Code;
  std::string Message;
};

inline llvm::Error makeError(ErrorCode Code, const llvm::Twine& Message) {
  return llvm::make_error<CodedError>(Code, Message.str());
}

} // namespace jitson::ir

#endif // JITSON_IR_CODEDERROR_H
