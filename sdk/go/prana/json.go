package prana

import (
	"encoding/json"
	"fmt"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/structpb"
)

// Value converts any JSON-encodable Go value (maps, slices, structs with json tags, numbers,
// strings, nil) to a protobuf Value, as the service's `input`, `data` and `output` fields take it.
func Value(v any) (*structpb.Value, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("prana: value is not JSON: %w", err)
	}
	out := &structpb.Value{}
	if err := protojson.Unmarshal(raw, out); err != nil {
		return nil, fmt.Errorf("prana: value: %w", err)
	}
	return out, nil
}

// Struct converts a JSON object (a map or a struct with json tags) to a protobuf Struct.
func Struct(v any) (*structpb.Struct, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("prana: struct is not JSON: %w", err)
	}
	out := &structpb.Struct{}
	if err := protojson.Unmarshal(raw, out); err != nil {
		return nil, fmt.Errorf("prana: struct: %w", err)
	}
	return out, nil
}

// Decode decodes a protobuf Value (or Struct) into a Go value, as encoding/json would decode its JSON.
func Decode(value interface{ MarshalJSON() ([]byte, error) }, into any) error {
	raw, err := value.MarshalJSON()
	if err != nil {
		return fmt.Errorf("prana: decode: %w", err)
	}
	return json.Unmarshal(raw, into)
}
