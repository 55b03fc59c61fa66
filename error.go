// Package lvzhi is the domain of the lvzhi platform: the committee's organisation, its people,
// their roles and what each role may do, the workflows and the errors. It imports nothing of
// ours and knows no SQL and no HTTP, so the rules can be read and tested on their own.
package lvzhi

import (
	"errors"
	"fmt"
)

// ErrorCode names the kind of an error. The web layer maps each code to one HTTP status in
// one place; the codes are part of the API and do not change.
type ErrorCode string

// The error codes of the platform.
const (
	ErrInvalid      ErrorCode = "invalid"
	ErrNotFound     ErrorCode = "not_found"
	ErrForbidden    ErrorCode = "forbidden"
	ErrConflict     ErrorCode = "conflict"
	ErrUnauthorized ErrorCode = "unauthorized"
	ErrInternal     ErrorCode = "internal"
)

// Error is the one error type of the domain. Message is Chinese, written for the person in
// front of the screen; Fields names the form fields that are wrong and why.
type Error struct {
	Code    ErrorCode
	Message string
	Fields  map[string]string
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an ErrInvalid error that lists the bad fields. It returns nil when fields
// is empty, so a validator can end with `return Invalid(fields)`.
func Invalid(fields map[string]string) error {
	if len(fields) == 0 {
		return nil
	}
	return &Error{Code: ErrInvalid, Message: "填写的内容有误,请按提示修改后再提交。", Fields: fields}
}

// ErrorCodeOf returns the code of err, or ErrInternal for an error that is not ours: an
// unexpected failure is never shown to the user as anything else.
func ErrorCodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ErrInternal
}

// ErrorMessage returns the message to show for err. Internal errors get a generic message;
// their details belong in the log, not on the screen.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != ErrInternal {
		return e.Message
	}
	return "系统内部错误,请稍后再试;如果问题持续,请联系系统管理员。"
}

// ErrorFields returns the field messages of err, if it has any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
