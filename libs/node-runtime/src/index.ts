export { MINIMUM_NODE, UnsupportedNodeError, assertSupportedNode, isSupportedNode } from './supported-node';
