import { createContext, useContext } from 'react';

// The CSP nonce of this response; only the server render knows it (browsers hide it from scripts).
const NonceContext = createContext<string>('');
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
