import type { z } from 'zod';
import { type ServerToClientEventName } from '@watchfloor/contracts';

/** The contract's version; bump it when a route or schema changes incompatibly. */
export const apiVersion = '1.0.0';

export type JsonSchema = z.core.JSONSchema.BaseSchema;
// A type alias, not an interface, so a reference is also a JSON Schema.
export type Reference = { $ref: string };

export interface HeaderObject {
  description?: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface ParameterObject extends HeaderObject {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
}

export interface MediaTypeObject {
  schema: JsonSchema;
}

export interface RequestBodyObject {
  description?: string;
  required: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: SecurityRequirement[];
  parameters?: (ParameterObject | Reference)[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject | Reference>;
}

export type HttpMethod = 'get' | 'post' | 'patch';
export type PathItemObject = Partial<Record<HttpMethod, OperationObject>>;

export interface SocketEventObject {
  summary: string;
  delivery: 'reliable' | 'volatile';
  ordering: string;
  payload: Reference;
}

/** Socket.IO has no OpenAPI vocabulary; this extension describes the realtime channel. */
export interface SocketEventsExtension {
  description: string;
  transport: { library: 'socket.io'; version: string; path: string; namespace: string };
  authentication: { security: SecurityRequirement[]; description: string };
  rooms: string;
  clientToServer: Record<string, never>;
  serverToClient: Record<ServerToClientEventName, SocketEventObject>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    parameters: Record<string, ParameterObject>;
    headers: Record<string, HeaderObject>;
    securitySchemes: Record<string, Record<string, string>>;
  };
  'x-socket-events': SocketEventsExtension;
}
